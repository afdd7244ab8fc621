package org.redvest.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.Reports;

/** Regression from the fault suite's API fuzzer: far dates were a 500 (docs/reliability.md). */
class HubApiFarDateTest {
  @TempDir Path dir;
  private Database database;
  private Javalin app;

  @BeforeEach
  void create() {
    database = Database.open(dir.resolve("hub.db"));
    app = HubApi.create(new Reports(database),
        new HoursCalculator(Duration.ofHours(12), Clock.systemUTC()), ZoneId.of("Asia/Shanghai"),
        () -> Map.of("broker", Map.of("mode", "embedded")));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/sessions?to=%2B999999999-12-31", "/api/sessions?from=-999999999-01-01",
      "/api/volunteers/V-1/hours?to=%2B999999999-12-31", "/api/sessions?from=1999-12-31"})
  void farDate_400NamingTheParameter(String path) {
    JavalinTest.test(app, (server, client) -> {
      var response = client.get(path);
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"parameter\"").contains("years 2000 to 9999");
    });
  }
}
