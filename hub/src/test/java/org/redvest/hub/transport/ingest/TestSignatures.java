package org.redvest.hub.transport.ingest;

import java.security.KeyPair;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.SignedPayload;

/** One key that every test terminal of the decoding tests signs with, and its check. */
final class TestSignatures {
  static final KeyPair KEY = Ed25519.generate();
  static final Signatures CHECK = (station, terminal, payload) -> SignedPayload.verify(payload, KEY.getPublic());

  private TestSignatures() {}

  static byte[] sign(byte[] body) {
    return SignedPayload.sign(body, KEY.getPrivate());
  }
}
