package org.redvest.protocol.credential;

import java.util.EnumSet;
import java.util.Set;

/** Optional properties of a credential, one bit each in the compact encoding's flags byte. */
public enum CredentialFlag {
  /**
   * Shown on the volunteer's phone (web pass), not printed: short-lived, and a terminal accepts
   * it at most once (docs/credentials.md, "Volunteer web pass").
   */
  PHONE_PASS(0x01),
  /**
   * The body carries a quantised face template ({@link FaceTemplate}) after the stations: the
   * kiosk compares the live face with it 1:1 (docs/credentials.md, "QR + face 1:1"). Set by
   * {@link Credential} itself whenever it has a template.
   */
  FACE_TEMPLATE(0x02),
  /**
   * One time step of a rotating web pass: valid from the window's start until its end plus a
   * small skew, accepted once per terminal per window (docs/credentials.md, "Volunteer web pass").
   */
  WINDOWED(0x04);

  private final int bit;

  CredentialFlag(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  static int bits(Set<CredentialFlag> flags) {
    int bits = 0;
    for (CredentialFlag flag : flags) {
      bits |= flag.bit;
    }
    return bits;
  }

  /** The flags in {@code bits}; {@link IllegalArgumentException} for a bit this version does not know. */
  static Set<CredentialFlag> of(int bits) {
    Set<CredentialFlag> flags = EnumSet.noneOf(CredentialFlag.class);
    int known = 0;
    for (CredentialFlag flag : values()) {
      known |= flag.bit;
      if ((bits & flag.bit) != 0) {
        flags.add(flag);
      }
    }
    if ((bits & ~known) != 0) {
      throw new IllegalArgumentException("unknown flag bits 0x" + Integer.toHexString(bits & ~known));
    }
    return flags;
  }
}
