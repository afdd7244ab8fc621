package org.redvest.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {
  private final Topics topics = Topics.defaults();
  private final StationId station = StationId.of("JX-RJ-0001");
  private final TerminalId terminal = TerminalId.of("kiosk-1");

  @Test
  void events_defaultPrefix_matchesProtocolDocument() {
    assertThat(topics.events(station, terminal))
        .isEqualTo("redvest/v1/stations/JX-RJ-0001/terminals/kiosk-1/events");
    assertThat(topics.ack(station, terminal))
        .isEqualTo("redvest/v1/stations/JX-RJ-0001/terminals/kiosk-1/ack");
    assertThat(topics.allTerminals(TerminalTopic.Kind.EVENTS))
        .isEqualTo("redvest/v1/stations/+/terminals/+/events");
  }

  @Test
  void parse_builtTopic_returnsItsParts() {
    for (TerminalTopic.Kind kind : TerminalTopic.Kind.values()) {
      assertThat(topics.parse(topics.terminal(station, terminal, kind)))
          .contains(new TerminalTopic(station, terminal, kind));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "other/v1/stations/S/terminals/t/events",
      "redvest/v1/stations/S/terminals/t/events/extra",
      "redvest/v1/stations/S/terminals/t/unknown",
      "redvest/v1/stations//terminals/t/events",
      "redvest/v1/station/S/terminals/t/events",
      "redvest/v1/stations/S/config"})
  void parse_foreignTopic_returnsEmpty(String topic) {
    assertThat(topics.parse(topic)).isEmpty();
  }

  @Test
  void of_customPrefix_isUsed() {
    assertThat(Topics.of("city/a").status(station, terminal))
        .isEqualTo("city/a/stations/JX-RJ-0001/terminals/kiosk-1/status");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/a", "a/", "a/#", "a/+/b"})
  void of_badPrefix_isRejected(String prefix) {
    assertThatThrownBy(() -> Topics.of(prefix)).hasMessageStartingWith("topicPrefix:");
  }
}
