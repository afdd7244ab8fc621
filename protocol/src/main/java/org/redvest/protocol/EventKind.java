package org.redvest.protocol;

/** Whether an attendance event opens or closes a volunteer's session. */
public enum EventKind {
  CHECK_IN,
  CHECK_OUT;

  /** The kind that follows this one in a volunteer's toggle. */
  public EventKind opposite() {
    return this == CHECK_IN ? CHECK_OUT : CHECK_IN;
  }
}
