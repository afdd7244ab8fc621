package org.redvest.terminal.screen;

/**
 * The volunteer view at {@code /} (template {@code src/main/jte/screen/volunteer.jte}): the camera
 * preview beside (landscape) or above (portrait) one large result, which server-sent events
 * replace as the kiosk decides. No framework, no CDN: one inline stylesheet and script.
 */
final class VolunteerPage {
  /** How long a result stays before the idle prompt returns. */
  static final long SHOW_MS = 8_000;

  private VolunteerPage() {}

  /**
   * The page. The header clock shows {@code stationNow}'s wall time (the station's zone, the media
   * clock during a replay), advanced by the browser's own clock from the moment the page loaded,
   * so a kiosk whose system zone differs from the station's still shows station time.
   */
  static String render(Lang lang, String station, String recentJson, String cameraProblem,
      java.time.OffsetDateTime stationNow) {
    return Pages.render("screen/volunteer.jte", "t", lang, "station", station, "recentJson", recentJson,
        "cameraProblem", cameraProblem, "showMs", SHOW_MS,
        "stationNow", stationNow.toInstant().toEpochMilli(),
        "offsetMin", stationNow.getOffset().getTotalSeconds() / 60);
  }
}
