package org.redvest.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GETs JSON from a running hub over real HTTP. */
final class HubHttp {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final int port;

  HubHttp(int port) {
    this.port = port;
  }

  record Reply(int status, JsonNode body) {}

  Reply get(String path) {
    try {
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), MAPPER.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("GET " + path, e);
    }
  }

  JsonNode json(String path) {
    return get(path).body();
  }

  long eventCount() {
    return json("/health").path("counts").path("events").asLong();
  }

  long deadLetterCount() {
    return json("/health").path("counts").path("deadLetters").asLong();
  }
}
