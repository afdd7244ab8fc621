package org.redvest.hub.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plain HTTP against a running hub, following no redirects, so tests see the guard's answers
 * exactly: a session cookie, a bearer token, or nothing.
 */
final class WebClient {
  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final int port;

  WebClient(int port) {
    this.port = port;
  }

  String origin() {
    return "http://127.0.0.1:" + port;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(origin() + path));
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String cookie) {
    HttpRequest.Builder r = request(path).header("Accept", "application/json");
    return send(cookie == null ? r : r.header("Cookie", WebAuth.COOKIE + "=" + cookie));
  }

  HttpResponse<String> bearer(String path, String token) {
    return send(request(path).header("Authorization", "Bearer " + token));
  }

  /** A form post from a page of this hub (Origin set), with the session cookie if not null. */
  HttpResponse<String> post(String path, String cookie, Map<String, String> form) {
    HttpRequest.Builder r = request(path).header("Origin", origin())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    return send(cookie == null ? r : r.header("Cookie", WebAuth.COOKIE + "=" + cookie));
  }

  /** Signs in and returns the session cookie's value. */
  String signIn(String username, String password) {
    HttpResponse<String> r = post("/login", null, Map.of("username", username, "password", password));
    if (r.statusCode() != 303) {
      throw new AssertionError("sign-in of " + username + " -> " + r.statusCode() + " " + r.body());
    }
    String header = r.headers().firstValue("Set-Cookie").orElseThrow();
    return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
  }

  static String form(Map<String, String> form) {
    return form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
