package org.redvest.protocol;

/** Identifier of a terminal, e.g. {@code kiosk-1}. */
public record TerminalId(String value) implements Comparable<TerminalId> {
  public TerminalId {
    Ids.check(value, "terminalId");
  }

  public static TerminalId of(String value) {
    return new TerminalId(value);
  }

  @Override
  public int compareTo(TerminalId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
