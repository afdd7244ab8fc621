package org.redvest.protocol.credential;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * The compact binary form of a credential (docs/credentials.md, "Encoding"), big-endian:
 *
 * <pre>
 * u8 format (1) | u8 flags | u8 n, keyId[n] | u32 serial | u32 issuedAt | u32 expiresAt
 * | u8 n, volunteerId[n] | u8 n, displayName UTF-8[n] (0: none) | u8 count, count × (u8 n, stationId[n])
 * | [only with flag FACE_TEMPLATE: u16 n, faceTemplate[n]] | signature[64]
 * </pre>
 *
 * The Ed25519 signature covers {@value #CONTEXT} in ASCII followed by every byte before it.
 */
final class CompactCredential {
  static final int FORMAT = 1;
  static final int SIGNATURE_BYTES = 64;
  static final String CONTEXT = "RVC1:";

  private CompactCredential() {}

  /** The signed and the signature parts of an encoded credential, and what they say. */
  record Parts(Credential credential, byte[] signedMessage, byte[] signature) {}

  /** Everything before the signature. */
  static byte[] body(Credential c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.write(FORMAT);
    out.write(CredentialFlag.bits(c.flags()));
    shortText(out, c.keyId().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(ByteBuffer.allocate(12).putInt((int) c.serial())
        .putInt((int) c.issuedAt().getEpochSecond()).putInt((int) c.expiresAt().getEpochSecond()).array());
    shortText(out, c.volunteerId().value().getBytes(StandardCharsets.US_ASCII));
    shortText(out, c.displayName() == null ? new byte[0] : c.displayName().getBytes(StandardCharsets.UTF_8));
    out.write(c.stations().size());
    for (StationId station : c.stations()) {
      shortText(out, station.value().getBytes(StandardCharsets.US_ASCII));
    }
    if (c.faceTemplate() != null) {
      byte[] template = c.faceTemplate().encoded();
      out.write(template.length >> 8);
      out.write(template.length & 0xff);
      out.writeBytes(template);
    }
    return out.toByteArray();
  }

  /** The message the signature covers: the context string, then the body. */
  static byte[] signedMessage(byte[] body) {
    byte[] context = CONTEXT.getBytes(StandardCharsets.US_ASCII);
    byte[] message = Arrays.copyOf(context, context.length + body.length);
    System.arraycopy(body, 0, message, context.length, body.length);
    return message;
  }

  /**
   * Splits and reads an encoded credential.
   *
   * @throws IllegalArgumentException (or a {@link org.redvest.protocol.ProtocolException}) when
   *     the bytes are not a format-1 credential
   */
  static Parts parse(byte[] bytes) {
    if (bytes.length <= SIGNATURE_BYTES + 2) {
      throw new IllegalArgumentException("too short for a credential (" + bytes.length + " bytes)");
    }
    byte[] body = Arrays.copyOf(bytes, bytes.length - SIGNATURE_BYTES);
    byte[] signature = Arrays.copyOfRange(bytes, body.length, bytes.length);
    ByteBuffer in = ByteBuffer.wrap(body);
    try {
      int format = in.get() & 0xff;
      if (format != FORMAT) {
        throw new IllegalArgumentException("unsupported credential format " + format);
      }
      var flags = CredentialFlag.of(in.get() & 0xff);
      String keyId = ascii(in);
      long serial = in.getInt() & 0xffff_ffffL;
      Instant issuedAt = Instant.ofEpochSecond(in.getInt() & 0xffff_ffffL);
      Instant expiresAt = Instant.ofEpochSecond(in.getInt() & 0xffff_ffffL);
      VolunteerId volunteer = VolunteerId.of(ascii(in));
      byte[] name = shortBytes(in);
      int count = in.get() & 0xff;
      List<StationId> stations = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        stations.add(StationId.of(ascii(in)));
      }
      FaceTemplate template = null;
      if (flags.contains(CredentialFlag.FACE_TEMPLATE)) {
        byte[] encoded = new byte[in.getShort() & 0xffff];
        in.get(encoded);
        template = FaceTemplate.parse(encoded);
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " unexpected bytes before the signature");
      }
      Credential credential = new Credential(volunteer,
          name.length == 0 ? null : new String(name, StandardCharsets.UTF_8), issuedAt, expiresAt,
          keyId, serial, stations, flags, template);
      return new Parts(credential, signedMessage(body), signature);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("credential ends early", e);
    }
  }

  private static void shortText(ByteArrayOutputStream out, byte[] text) {
    out.write(text.length);
    out.writeBytes(text);
  }

  private static byte[] shortBytes(ByteBuffer in) {
    byte[] bytes = new byte[in.get() & 0xff];
    in.get(bytes);
    return bytes;
  }

  private static String ascii(ByteBuffer in) {
    return new String(shortBytes(in), StandardCharsets.US_ASCII);
  }
}
