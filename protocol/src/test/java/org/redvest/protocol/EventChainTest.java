package org.redvest.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventChainTest {

  @Test
  void hashOf_knownInput_isLowerCaseHexSha256() {
    assertThat(EventChain.hashOf("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void genesis_isAValidPrevHash() {
    assertThat(new Evidence(null, null, null, null, EventChain.GENESIS).prevHash()).hasSize(64);
  }
}
