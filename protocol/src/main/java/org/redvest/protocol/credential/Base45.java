package org.redvest.protocol.credential;

import java.io.ByteArrayOutputStream;

/**
 * Base45 (RFC 9285), the encoding of the EU digital COVID certificate: every character is in
 * the QR code's alphanumeric set, so a QR encoder packs it at 5.5 bits per character.
 */
final class Base45 {
  static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  private static final int BASE = 45;
  private static final int BASE_SQUARED = BASE * BASE;

  private Base45() {}

  static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length + 1) / 2 * 3);
    int i = 0;
    for (; i + 1 < bytes.length; i += 2) {
      int n = (bytes[i] & 0xff) * 256 + (bytes[i + 1] & 0xff);
      out.append(ALPHABET.charAt(n % BASE))
          .append(ALPHABET.charAt(n / BASE % BASE))
          .append(ALPHABET.charAt(n / BASE_SQUARED));
    }
    if (i < bytes.length) {
      int n = bytes[i] & 0xff;
      out.append(ALPHABET.charAt(n % BASE)).append(ALPHABET.charAt(n / BASE));
    }
    return out.toString();
  }

  /** The bytes {@code text} encodes; {@link IllegalArgumentException} when it is not Base45. */
  static byte[] decode(String text) {
    if (text.length() % 3 == 1) {
      throw new IllegalArgumentException("Base45 text cannot be " + text.length() + " characters long");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 3 * 2 + 1);
    int i = 0;
    for (; i + 2 < text.length(); i += 3) {
      int n = digit(text, i) + digit(text, i + 1) * BASE + digit(text, i + 2) * BASE_SQUARED;
      if (n > 0xffff) {
        throw new IllegalArgumentException("Base45 group at " + i + " is out of range");
      }
      out.write(n >> 8);
      out.write(n & 0xff);
    }
    if (i < text.length()) {
      int n = digit(text, i) + digit(text, i + 1) * BASE;
      if (n > 0xff) {
        throw new IllegalArgumentException("Base45 final group is out of range");
      }
      out.write(n);
    }
    return out.toByteArray();
  }

  private static int digit(String text, int index) {
    int d = ALPHABET.indexOf(text.charAt(index));
    if (d < 0) {
      throw new IllegalArgumentException("'" + text.charAt(index) + "' at " + index + " is not Base45");
    }
    return d;
  }
}
