package org.redvest.hub.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.redvest.protocol.Topics;
import org.redvest.protocol.fleet.TerminalAccount;

class BrokerAclTest {
  private final BrokerAcl acl = new BrokerAcl(Topics.of("city-a/redvest/v1"));
  private final TerminalAccount kiosk = TerminalAccount.of("JX-RJ-0001", "kiosk-1");
  private final String own = "city-a/redvest/v1/stations/JX-RJ-0001/terminals/kiosk-1/";

  @Test
  void mayPublish_ownReportsOnly() {
    assertThat(acl.writes(kiosk)).allSatisfy(topic -> assertThat(acl.mayPublish(kiosk, topic)).isTrue());
    assertThat(acl.mayPublish(kiosk, own + "events")).isTrue();
    assertThat(acl.mayPublish(kiosk, own + "ack")).as("the hub's topic").isFalse();
    assertThat(acl.mayPublish(kiosk, own + "events/x")).isFalse();
    assertThat(acl.mayPublish(kiosk, "city-a/redvest/v1/stations/JX-RJ-0001/terminals/kiosk-2/events")).isFalse();
    assertThat(acl.mayPublish(kiosk, "city-a/redvest/v1/roster/_all")).isFalse();
    assertThat(acl.mayPublish(kiosk, "redvest/v1/stations/JX-RJ-0001/terminals/kiosk-1/events"))
        .as("another prefix").isFalse();
  }

  @Test
  void maySubscribe_whatTheHubWritesForItOnly_neverWildcards() {
    assertThat(acl.reads(kiosk)).allSatisfy(topic -> assertThat(acl.maySubscribe(kiosk, topic)).isTrue());
    assertThat(acl.maySubscribe(kiosk, own + "ack")).isTrue();
    assertThat(acl.maySubscribe(kiosk, "city-a/redvest/v1/roster/JX-RJ-0001")).isTrue();
    assertThat(acl.maySubscribe(kiosk, "city-a/redvest/v1/roster/JX-RJ-0002")).isFalse();
    assertThat(acl.maySubscribe(kiosk, "#")).isFalse();
    assertThat(acl.maySubscribe(kiosk, own + "#")).isFalse();
    assertThat(acl.maySubscribe(kiosk, own + "+")).isFalse();
    assertThat(acl.maySubscribe(kiosk, own + "events")).as("its own reports are the hub's to read").isFalse();
    assertThat(acl.maySubscribe(kiosk, "city-a/redvest/v1/stations/+/terminals/+/ack")).isFalse();
    assertThat(acl.maySubscribe(kiosk, "city-a/redvest/v1/fleet/hub-key")).as("the hub's key chain").isTrue();
    assertThat(acl.maySubscribe(kiosk, "city-a/redvest/v1/fleet/+")).isFalse();
    assertThat(acl.mayPublish(kiosk, "city-a/redvest/v1/fleet/hub-key")).as("only the hub writes it").isFalse();
  }
}
