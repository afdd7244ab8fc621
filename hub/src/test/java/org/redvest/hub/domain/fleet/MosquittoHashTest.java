package org.redvest.hub.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Hashes Mosquitto 2 accepts: checked against a line {@code mosquitto_passwd} 2.0.11 wrote. */
class MosquittoHashTest {
  /** {@code mosquitto_passwd -c -b FILE alice secret} (Mosquitto 2.0.11, Debian). */
  private static final String MOSQUITTO_PASSWD = "$7$101$wFnJq3cgqM8okVQ2$2oX4CNgI1UENonIvEjqO6cnXDNlh"
      + "35/t7be1i1Zz2gAIQXxGOBFG5KVr37AXfVdh5L8Egm2QyMa9U6iRYRZ0uw==";

  @Test
  void of_saltAndIterationsOfMosquittoPasswd_sameLine() {
    byte[] salt = Base64.getDecoder().decode("wFnJq3cgqM8okVQ2");

    assertThat(MosquittoHash.of("secret", salt, 101)).isEqualTo(MOSQUITTO_PASSWD);
  }

  @Test
  void matches_mosquittoPasswdLine_onlyItsPassword() {
    assertThat(MosquittoHash.matches(MOSQUITTO_PASSWD, "secret")).isTrue();
    assertThat(MosquittoHash.matches(MOSQUITTO_PASSWD, "secreT")).isFalse();
  }

  @Test
  void of_freshSalt_mosquittoDefaultsAndAFreshSaltEachTime() {
    String a = MosquittoHash.of("p4ss");
    String b = MosquittoHash.of("p4ss");

    assertThat(a).startsWith("$7$101$").matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
    assertThat(a).isNotEqualTo(b);
    assertThat(MosquittoHash.matches(a, "p4ss")).isTrue();
    assertThat(MosquittoHash.matches(b, "p4ss")).isTrue();
  }
}
