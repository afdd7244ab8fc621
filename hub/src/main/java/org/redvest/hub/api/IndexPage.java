package org.redvest.hub.api;

/** The small HTML page at {@code /} linking the API. */
final class IndexPage {
  static final String HTML = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>RedVest hub</title></head>
      <body>
      <h1>RedVest hub</h1>
      <ul>
        <li><a href="/health">/health</a> &ndash; status, broker mode, database, counts</li>
        <li><a href="/api/stations">/api/stations</a> &ndash; stations, terminals, online state</li>
        <li><a href="/api/sessions">/api/sessions</a> &ndash; sessions
          (?volunteerId=&amp;stationId=&amp;from=&amp;to=)</li>
        <li>/api/volunteers/{id}/hours?from=&amp;to= &ndash; a volunteer's hours</li>
        <li><a href="/api/dead-letters">/api/dead-letters</a> &ndash; refused messages</li>
      </ul>
      <p>See docs/api.md.</p>
      </body></html>
      """;

  private IndexPage() {}
}
