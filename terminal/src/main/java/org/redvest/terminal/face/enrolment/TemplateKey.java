package org.redvest.terminal.face.enrolment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that encrypts face templates at rest. It lives in its own file (created
 * owner-read-only on first use), never in the template database: a copied database alone gives
 * nothing. Each template is sealed with AES-GCM under a fresh 12-byte nonce, with the volunteer id
 * as associated data so a ciphertext cannot be moved to another volunteer's row.
 */
public final class TemplateKey {
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private TemplateKey(byte[] bytes) {
    this.key = new SecretKeySpec(bytes, "AES");
  }

  /** Reads the key file, creating it (mode 600) with a random key when it does not exist. */
  public static TemplateKey openOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length != KEY_BYTES) {
        throw new IllegalStateException("face template key " + file + " must hold " + KEY_BYTES
            + " bytes, holds " + bytes.length);
      }
      return new TemplateKey(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read face template key " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    byte[] bytes = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(bytes);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      return;
    }
    Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Nonce followed by ciphertext and tag. */
  byte[] seal(byte[] plain, String boundTo) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, plain, 0, plain.length, boundTo);
    return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
  }

  byte[] open(byte[] sealed, String boundTo) {
    if (sealed.length <= NONCE_BYTES) {
      throw new IllegalStateException("sealed template is too short");
    }
    byte[] nonce = java.util.Arrays.copyOf(sealed, NONCE_BYTES);
    return crypt(Cipher.DECRYPT_MODE, nonce, sealed, NONCE_BYTES, sealed.length - NONCE_BYTES, boundTo);
  }

  private byte[] crypt(int mode, byte[] nonce, byte[] data, int offset, int length, String boundTo) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(boundTo.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return cipher.doFinal(data, offset, length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("face template cannot be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened")
          + " (wrong key file, or the row was tampered with)", e);
    }
  }
}
