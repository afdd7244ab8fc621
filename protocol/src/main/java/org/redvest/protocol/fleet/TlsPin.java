package org.redvest.protocol.fleet;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The hub's TLS public key as a terminal pins it (docs/security.md, "TLS"): {@code SHA256:} and
 * the unpadded base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, the value HTTP
 * public-key pinning and {@code curl --pinnedpubkey} use. Pinning the key rather than the
 * certificate lets the hub renew its certificate (new names, new dates) without re-provisioning
 * its terminals.
 *
 * <p>A pinned connection trusts exactly one server key: no certificate authority, no host name.
 * The pin is the stronger check of the two, and it works when a kiosk reaches its hub by an
 * address the certificate does not name (NAT, a new IP).
 */
public final class TlsPin {
  private static final String PREFIX = "SHA256:";
  private final String value;

  private TlsPin(String value) {
    this.value = value;
  }

  /** The pin of {@code key}. */
  public static TlsPin of(PublicKey key) {
    return new TlsPin(PREFIX + Base64.getEncoder().withoutPadding().encodeToString(
        sha256(key.getEncoded())));
  }

  /**
   * Reads a pin as {@link #toString()} writes it.
   *
   * @throws IllegalArgumentException when it is not {@code SHA256:} and 43 base64 characters
   */
  public static TlsPin parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a TLS pin starts with SHA256:, was \"" + text + "\"");
    }
    byte[] digest;
    try {
      digest = Base64.getDecoder().decode(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a TLS pin is SHA256: and base64, was \"" + text + "\"");
    }
    if (digest.length != 32) {
      throw new IllegalArgumentException("a TLS pin holds a 32-byte SHA-256, was " + digest.length
          + " bytes");
    }
    return new TlsPin(PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest));
  }

  /** True when {@code certificate} carries the pinned key. */
  public boolean matches(X509Certificate certificate) {
    return value.equals(of(certificate.getPublicKey()).value);
  }

  /** A TLS 1.2/1.3 client context that trusts only a server showing the pinned key. */
  public SSLContext clientContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is part of every Java runtime", e);
    }
  }

  public SSLSocketFactory socketFactory() {
    return clientContext().getSocketFactory();
  }

  /** A trust manager that accepts a server exactly when its certificate carries the pinned key. */
  public X509ExtendedTrustManager trustManager() {
    return new Pinned();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsPin other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Checks the leaf certificate's key; never asked about clients. */
  private final class Pinned extends X509ExtendedTrustManager {
    private void check(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the server showed no certificate");
      }
      if (!matches(chain[0])) {
        throw new CertificateException("the server's key " + of(chain[0].getPublicKey())
            + " is not the pinned hub key " + value
            + " (another server, or the hub's key changed: re-provision the terminal)");
      }
      // No date check: the pin is the trust, and a kiosk whose clock is off must still reach its
      // hub (a self-signed certificate's dates mean nothing once its key is pinned).
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a pinned client context does not judge clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a pinned client context does not judge clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a pinned client context does not judge clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
