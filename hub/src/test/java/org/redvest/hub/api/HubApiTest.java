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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.Reports;

/** The routes over real HTTP on a random port, on a real (empty) SQLite database. */
class HubApiTest {
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

  @Test
  void hours_badDate_400NamingParameter() {
    JavalinTest.test(app, (server, client) -> {
      var response = client.get("/api/volunteers/V-1/hours?from=23-11-2026");
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"parameter\":\"from\"");
    });
  }

  @Test
  void hours_badVolunteerId_400NamingParameter() {
    JavalinTest.test(app, (server, client) -> {
      var response = client.get("/api/volunteers/bad%20id/hours");
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"parameter\":\"volunteerId\"");
    });
  }

  @Test
  void sessions_toBeforeFrom_400NamingTo() {
    JavalinTest.test(app, (server, client) -> {
      var response = client.get("/api/sessions?from=2026-11-23&to=2026-11-01");
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"parameter\":\"to\"");
    });
  }

  @Test
  void deadLetters_limitOutOfRange_400NamingLimit() {
    JavalinTest.test(app, (server, client) -> {
      var response = client.get("/api/dead-letters?limit=0");
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"parameter\":\"limit\"");
    });
  }

  @Test
  void routes_emptyDatabase_answerEmptyJson() {
    JavalinTest.test(app, (server, client) -> {
      assertThat(client.get("/api/stations").body().string()).isEqualTo("[]");
      assertThat(client.get("/api/sessions").body().string()).isEqualTo("[]");
      assertThat(client.get("/api/dead-letters").body().string()).isEqualTo("[]");
      assertThat(client.get("/api/volunteers/V-1/hours").body().string())
          .contains("\"totalMinutes\":0", "\"openSession\":null");
      assertThat(client.get("/health").body().string()).contains("\"status\":\"UP\"");
      assertThat(client.get("/").body().string()).contains("/api/stations");
    });
  }
}
