package org.redvest.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.HubHttp;
import org.redvest.hub.PahoTerminal;
import org.redvest.protocol.EventKind;

/** {@code /ui/live/stream} over plain HTTP: events arrive as they commit; stopping the hub ends it. */
class LiveStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void stream_checkInCommitted_arrivesThenHubCloseEndsTheStream() throws Exception {
    Hub hub = Hub.start(HubConfig.local(dir));
    try (PahoTerminal kiosk = new PahoTerminal(hub, "JX-RJ-0001", "kiosk-1")) {
      Lines lines = new Lines();
      CompletableFuture<HttpResponse<Void>> response =
          HubHttp.api(hub).stream("/ui/live/stream?lang=en", lines);
      await().atMost(WAIT).until(() -> lines.all.contains(": connected"));

      kiosk.publish(kiosk.event(1, "V-360781-000101", EventKind.CHECK_IN, "2026-11-23T08:01:00+08:00"));

      await().atMost(WAIT).until(() -> lines.all.stream().anyMatch(l -> l.startsWith("data: ")
          && l.contains("\"volunteer\":\"V-360781-000101\"") && l.contains("\"kind\":\"check-in\"")));
      assertThat(lines.all).contains("event: event");
      assertTimeoutPreemptively(Duration.ofSeconds(15), hub::close, "close with a stream open");
      await().atMost(WAIT).until(response::isDone);
      assertThat(response.get().statusCode()).isEqualTo(200);
    } finally {
      hub.close();
    }
  }

  /** Collects the stream's lines. */
  static final class Lines implements Flow.Subscriber<String> {
    final List<String> all = new CopyOnWriteArrayList<>();

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      all.add(line);
    }

    @Override
    public void onError(Throwable throwable) {
      all.add("error: " + throwable);
    }

    @Override
    public void onComplete() {
      all.add("complete");
    }
  }
}
