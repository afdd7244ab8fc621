package org.redvest.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import org.redvest.hub.web.WebAuth;

/**
 * Real HTTP from a test to a started hub or a Javalin test app, as one identity, following no
 * redirects so that the test sees exactly what the server answered. An API test starts so:
 *
 * <pre>{@code
 * HubHttp http = HubHttp.api(hub);                            // the API token: a hub admin
 * HubHttp.Reply created = http.postJson("/api/passes", "{\"volunteerId\":\"V-1\"}");
 * assertThat(created.status()).as(created.text()).isEqualTo(201);
 * HubHttp li = HubHttp.of(hub).signIn("li", "station-pass-1"); // a dashboard session
 * assertThat(li.get("/api/sessions?stationId=JX-RJ-0002").status()).isEqualTo(403);
 * }</pre>
 *
 * <p>Where: {@link #of(Hub)}, {@link #on(int)} (a test app's port) or {@link #at(String)}. As whom:
 * nobody until one of {@link #asBearer}, {@link #asSession}, {@link #signIn} or {@link #asTestUser}
 * (the test apps' {@code X-Test-User}). A form post comes from a page of the server, so it carries
 * {@code Origin}; a JSON post is an API client's, which carries it only in a session (the dashboard's
 * own script). Anything else: {@link #send} a {@link #request}.
 */
public final class HubHttp {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COOKIE = "Cookie";

  private final String base;
  /** The header naming who is asking, and its value; both null for nobody. */
  private final String header;
  private final String value;

  private HubHttp(String base, String header, String value) {
    this.base = base;
    this.header = header;
    this.value = value;
  }

  /** Nobody, on a started hub. */
  public static HubHttp of(Hub hub) {
    return on(hub.httpPort());
  }

  /** The hub's API bearer token ({@code hub.apiToken()}): a hub admin. */
  public static HubHttp api(Hub hub) {
    return of(hub).asBearer(hub.apiToken());
  }

  /** Nobody, on {@code 127.0.0.1:port}. */
  public static HubHttp on(int port) {
    return at("http://127.0.0.1:" + port);
  }

  /** Nobody, on {@code base} (scheme, host and port, no trailing slash). */
  public static HubHttp at(String base) {
    return new HubHttp(base, null, null);
  }

  public HubHttp asBearer(String token) {
    return new HubHttp(base, "Authorization", "Bearer " + token);
  }

  /** In the dashboard session whose cookie value is {@code cookie}. */
  public HubHttp asSession(String cookie) {
    return new HubHttp(base, COOKIE, WebAuth.COOKIE + "=" + cookie);
  }

  /** As a test app's user ({@code admin}, {@code manager}): its before-handler reads the header. */
  public HubHttp asTestUser(String user) {
    return new HubHttp(base, "X-Test-User", user);
  }

  /** Signs in through {@code /login} as a browser does; fails unless the hub answers 303 and a cookie. */
  public HubHttp signIn(String username, String password) {
    Reply r = at(base).postForm("/login", Map.of("username", username, "password", password));
    Optional<String> cookie = r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(WebAuth.COOKIE + "=")).findFirst();
    if (r.status() != 303 || cookie.isEmpty()) {
      throw new AssertionError("sign-in of " + username + " -> " + r.status() + " " + r.text());
    }
    return asSession(cookie.get().substring(WebAuth.COOKIE.length() + 1, cookie.get().indexOf(';')));
  }

  /** The session cookie's value when acting in a session, else null. */
  public String sessionCookie() {
    return COOKIE.equals(header) ? value.substring(WebAuth.COOKIE.length() + 1) : null;
  }

  public String base() {
    return base;
  }

  public Reply get(String path) {
    return send(request(path).GET());
  }

  /** The JSON at {@code path}, whatever the status. */
  public JsonNode json(String path) {
    return get(path).json();
  }

  public Reply postJson(String path, String json) {
    return post(path, "application/json", json);
  }

  /** Posts {@code body} as it is, as an API client: with {@code Origin} only in a session. */
  public Reply post(String path, String contentType, String body) {
    HttpRequest.Builder request = request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(COOKIE.equals(header) ? request.header("Origin", base) : request);
  }

  /** Submits a form from a page of this server ({@code Origin} set). */
  public Reply postForm(String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(request(path).header("Origin", base)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Opens a stream of server-sent events, handing over each line as it arrives. */
  public CompletableFuture<HttpResponse<Void>> stream(String path, Flow.Subscriber<String> lines) {
    return CLIENT.sendAsync(request(path).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.fromLineSubscriber(lines));
  }

  /** A request to {@code path} as this identity, for methods and headers the calls above lack. */
  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    return header == null ? request : request.header(header, value);
  }

  public Reply send(HttpRequest.Builder request) {
    HttpRequest built = request.build();
    try {
      HttpResponse<byte[]> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(built.method() + " " + built.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(built.method() + " " + built.uri(), e);
    }
  }

  /** The hub's count of stored events, from {@code /health} (needs a signed-in identity). */
  public long eventCount() {
    return json("/health").path("counts").path("events").asLong();
  }

  public long deadLetterCount() {
    return json("/health").path("counts").path("deadLetters").asLong();
  }

  /** What the server answered. */
  public record Reply(int status, HttpHeaders headers, byte[] bytes) {
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The body as JSON (missing when empty); fails the test when it is not JSON. */
    public JsonNode json() {
      if (bytes.length == 0) {
        return MissingNode.getInstance();
      }
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        throw new AssertionError(status + " is not JSON: " + text(), e);
      }
    }
  }
}
