package org.redvest.terminal.face;

/** Whether a face is good enough to identify or enrol, with what the kiosk tells the person. */
public enum Quality {
  OK(null),
  TOO_SMALL("请靠近一点 (please come closer)"),
  TOO_DARK("光线太暗，请面向亮处 (too dark, please face the light)"),
  BLURRED("请保持不动 (please hold still)"),
  TURNED_AWAY("请正对屏幕 (please look straight at the screen)");

  private final String guidance;

  Quality(String guidance) {
    this.guidance = guidance;
  }

  /** The on-screen guidance, or null for {@link #OK}. */
  public String guidance() {
    return guidance;
  }
}
