package org.redvest.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GETs JSON from a running hub over real HTTP, as the API token (a hub admin). */
final class HubHttp {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final int port;
  private final String token;

  /** A client sending the hub's API bearer token, {@code hub.apiToken()}. */
  HubHttp(int port, String token) {
    this.port = port;
    this.token = token;
  }

  record Reply(int status, JsonNode body) {}

  Reply get(String path) {
    try {
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), MAPPER.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("GET " + path, e);
    }
  }

  /** POSTs {@code body} as JSON, with the API token when {@code signedIn}. */
  Reply post(String path, String body, boolean signedIn) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signedIn) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), MAPPER.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException("POST " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("POST " + path, e);
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
