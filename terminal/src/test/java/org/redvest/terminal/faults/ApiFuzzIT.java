package org.redvest.terminal.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;

/**
 * Fault 9b: the REST API's inputs fuzzed against the real Javalin server: random and edge values
 * for every path and query parameter of docs/api.md (and unknown routes). Never a 5xx; every 400
 * is the documented JSON error naming the parameter.
 */
class ApiFuzzIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] ROUTES = {"/api/volunteers/%s/hours", "/api/sessions",
      "/api/stations", "/api/dead-letters", "/health", "/", "/api/%s"};
  private static final String[] PARAMS = {"from", "to", "volunteerId", "stationId", "limit", "x"};

  @TempDir Path dir;

  @Test
  void randomApiInputs_neverServerError_badRequestIsJsonNamingTheParameter() throws Exception {
    int count = Faults.iterations(5_000, 100_000);
    Random random = Faults.random("api fuzz");
    FaultSummary summary = new FaultSummary("fuzz-api");
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    int jettyRefusals = 0;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      for (int i = 0; i < count; i++) {
        String path = request(random);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + hub.httpPort() + path))
        .header("Authorization", "Bearer " + hub.apiToken()).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        statuses.merge(r.statusCode(), 1, Integer::sum);
        if (r.statusCode() >= 500) {
          problems.add(r.statusCode() + " " + path + " " + r.body());
        } else if (r.statusCode() == 400 && r.body().startsWith("<h1>Bad Message 400")) {
          // Jetty's HTTP parser refuses ambiguous URIs (an encoded "/" in "..%2F") before any
          // route runs: not an API parameter, so not the API's JSON error.
          jettyRefusals++;
        } else if (r.statusCode() == 400 && !isJsonError(r.body())) {
          problems.add("400 without a JSON error: " + path + " " + r.body());
        }
      }
      summary.put("requests", count).put("statuses", statuses)
          .put("5xx or 400 without the JSON error", problems.size())
          .put("400 from Jetty's URI parser (ambiguous path, before routing)", jettyRefusals)
          .put("hub /health after", PayloadFuzzIT.health(hub)).publish();
      assertThat(problems).as("5xx or non-JSON 400").isEmpty();
    }
  }

  private static boolean isJsonError(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node.hasNonNull("error") && node.hasNonNull("parameter");
    } catch (Exception e) {
      return false;
    }
  }

  private static String request(Random random) {
    String route = ROUTES[random.nextInt(ROUTES.length)];
    StringBuilder path = new StringBuilder(route.contains("%s") ? String.format(route, encode(value(random))) : route);
    int params = random.nextInt(4);
    for (int i = 0; i < params; i++) {
      path.append(i == 0 ? '?' : '&').append(PARAMS[random.nextInt(PARAMS.length)]).append('=')
          .append(encode(value(random)));
    }
    return path.toString();
  }

  private static String value(Random random) {
    return switch (random.nextInt(14)) {
      case 0 -> "2026-11-23";
      case 1 -> "2026-02-30";
      case 2 -> "-999999999-01-01";
      case 3 -> "+999999999-12-31";
      case 4 -> Long.toString(random.nextLong());
      case 5 -> Integer.toString(random.nextInt(2_000) - 500);
      case 6 -> "V-" + random.nextInt(100);
      case 7 -> "";
      case 8 -> "a".repeat(random.nextInt(5_000));
      case 9 -> "../../etc/passwd";
      case 10 -> "%00%ff%fe";
      case 11 -> "99999999999999999999";
      case 12 -> "2026-11-23T08:00:00+08:00";
      default -> randomText(random);
    };
  }

  private static String randomText(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(40);
    for (int i = 0; i < n; i++) {
      int cp = random.nextInt(3) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95);
      if (!Character.isSurrogate((char) cp)) {
        s.appendCodePoint(cp);
      }
    }
    return s.toString();
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
