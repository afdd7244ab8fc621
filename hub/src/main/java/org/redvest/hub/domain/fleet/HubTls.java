package org.redvest.hub.domain.fleet;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.redvest.hub.store.AtomicFiles;
import org.redvest.protocol.fleet.TlsPin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's TLS key and certificate, served by the embedded broker's MQTT-over-TLS listener and
 * the HTTPS listener (docs/security.md, "TLS"). Either configured (PEM files, e.g. from a
 * certificate authority) or made at first start: an ECDSA P-256 key ({@code tls-key.pem}, 0600)
 * and a self-signed certificate ({@code tls-cert.pem}) naming {@code localhost}, this machine's
 * host name and addresses and any extra names asked for, so ordinary TLS clients that check host
 * names work too. A generated certificate is made afresh (same key, so the same {@link TlsPin})
 * when a name asked for is missing or it has under 30 days left.
 *
 * <p>Terminals pin the key ({@link #pin()}, handed to them at provisioning), not a certificate
 * authority.
 */
public final class HubTls {
  private static final Logger LOG = LoggerFactory.getLogger(HubTls.class);
  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);
  private static final String KEY_FILE = "tls-key.pem";
  private static final String CERT_FILE = "tls-cert.pem";

  private final PrivateKey key;
  private final List<X509Certificate> chain;
  private final TlsPin pin;

  private HubTls(PrivateKey key, List<X509Certificate> chain) {
    this.key = key;
    this.chain = List.copyOf(chain);
    this.pin = TlsPin.of(chain.get(0).getPublicKey());
  }

  /**
   * Reads the key and certificate chain from PEM files an operator configured.
   *
   * @throws IllegalStateException naming the file when either cannot be read or they do not
   *     belong together: the hub then does not start (it never falls back to plain text)
   */
  public static HubTls configured(Path certificateFile, Path keyFile) {
    List<X509Certificate> chain = readCertificates(certificateFile);
    PrivateKey key = readKey(keyFile);
    HubTls tls = new HubTls(key, chain);
    tls.checkPair(certificateFile, keyFile);
    return tls;
  }

  /**
   * The key and certificate under {@code dir}, made there at first start; the certificate is
   * renewed (same key) when it lacks one of {@code extraNames} or expires within 30 days.
   */
  public static HubTls generated(Path dir, Collection<String> extraNames, Clock clock) {
    Path keyFile = dir.resolve(KEY_FILE);
    Path certFile = dir.resolve(CERT_FILE);
    try {
      Files.createDirectories(dir);
      KeyPair pair;
      if (Files.exists(keyFile)) {
        PrivateKey privateKey = readKey(keyFile);
        List<X509Certificate> chain = Files.exists(certFile) ? readCertificates(certFile) : List.of();
        Set<String> wanted = names(extraNames);
        if (!chain.isEmpty() && coversAndLasts(chain.get(0), wanted, clock.instant())) {
          HubTls tls = new HubTls(privateKey, chain);
          tls.checkPair(certFile, keyFile);
          return tls;
        }
        if (chain.isEmpty()) {
          // A start cut short between the two files: the certificate is made again for the same
          // key, so the pin terminals hold is unchanged.
          pair = new KeyPair(publicOf(privateKey), privateKey);
          LOG.warn("{} missing: making the certificate again for the existing key", certFile);
        } else {
          pair = new KeyPair(chain.get(0).getPublicKey(), privateKey);
        }
        LOG.info("renewing the hub's TLS certificate (same key, pin unchanged)");
      } else {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        pair = generator.generateKeyPair();
        AtomicFiles.write(keyFile, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
            pair.getPrivate(), null)), "rw-------");
        LOG.info("made the hub's TLS key {}", keyFile);
      }
      X509Certificate certificate = selfSigned(pair, names(extraNames), clock.instant());
      AtomicFiles.write(certFile, pem(certificate), "rw-r--r--");
      HubTls tls = new HubTls(pair.getPrivate(), List.of(certificate));
      LOG.info("the hub's TLS certificate {} names {}; key pin {}", certFile,
          names(extraNames), tls.pin);
      return tls;
    } catch (IOException e) {
      throw new UncheckedIOException("the hub's TLS key and certificate in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("making the hub's TLS key", e);
    }
  }

  /**
   * The pin of the first certificate in a PEM file (a configured {@code --tls-certificate}).
   *
   * @throws IllegalStateException naming the file when it cannot be read
   */
  public static TlsPin certificatePin(Path certificateFile) {
    return TlsPin.of(readCertificates(certificateFile).get(0).getPublicKey());
  }

  /** The pin of the certificate a hub made under {@code dir}, if it made one. */
  public static java.util.Optional<TlsPin> generatedPin(Path dir) {
    Path certFile = dir.resolve(CERT_FILE);
    return Files.exists(certFile)
        ? java.util.Optional.of(TlsPin.of(readCertificates(certFile).get(0).getPublicKey()))
        : java.util.Optional.empty();
  }

  /** The private key as PKCS#8 PEM, e.g. for an external broker serving the same key. */
  public String keyPem() {
    try {
      return pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new UncheckedIOException("encoding the hub's TLS key", e);
    }
  }

  /** The certificate chain as PEM, leaf first. */
  public String chainPem() {
    StringBuilder out = new StringBuilder();
    try {
      for (X509Certificate c : chain) {
        out.append(pem(c));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("encoding the hub's TLS certificate", e);
    }
    return out.toString();
  }

  /** What terminals pin: the SHA-256 of this key's SubjectPublicKeyInfo. */
  public TlsPin pin() {
    return pin;
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** Trust in exactly this certificate: the hub's own connections to its own broker. */
  public javax.net.ssl.TrustManagerFactory ownTrust() {
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      anchors.setCertificateEntry("hub", chain.get(0));
      javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
          javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      factory.init(anchors);
      return factory;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the hub's certificate cannot be trusted", e);
    }
  }

  /** A server context for the HTTPS listener. */
  public SSLContext serverContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers().getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the hub's TLS key cannot serve TLS", e);
    }
  }

  /** The key and certificate chain the embedded broker's MQTT-over-TLS listener serves. */
  public org.redvest.hub.transport.broker.EmbeddedBroker.TlsKey brokerKey() {
    return new org.redvest.hub.transport.broker.EmbeddedBroker.TlsKey(key, chain);
  }

  private KeyManagerFactory keyManagers() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] none = new char[0];
      store.setKeyEntry("hub", key, none, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, none);
      return factory;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the hub's TLS key cannot be loaded into a key store", e);
    }
  }

  private void checkPair(Path certificateFile, Path keyFile) {
    try {
      keyManagers();
      String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      java.security.Signature signer = java.security.Signature.getInstance(algorithm);
      signer.initSign(key);
      byte[] probe = "redvest".getBytes(StandardCharsets.US_ASCII);
      signer.update(probe);
      byte[] signature = signer.sign();
      java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
      verifier.initVerify(chain.get(0).getPublicKey());
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new IllegalStateException(keyFile + " is not the key of the certificate in "
            + certificateFile);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(keyFile + " does not fit the certificate in "
          + certificateFile + ": " + e.getMessage(), e);
    }
  }

  // --- names ---

  /** localhost, loopback addresses, this machine's name and addresses, and {@code extra}. */
  static Set<String> names(Collection<String> extra) {
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    try {
      names.add(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      LOG.debug("no local host name: {}", e.toString());
    }
    try {
      for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
        nic.inetAddresses().forEach(a -> {
          String text = a.getHostAddress();
          int zone = text.indexOf('%');
          names.add(zone < 0 ? text : text.substring(0, zone));
        });
      }
    } catch (SocketException e) {
      LOG.debug("no network interfaces: {}", e.toString());
    }
    names.addAll(extra);
    return names;
  }

  private static boolean coversAndLasts(X509Certificate certificate, Set<String> wanted,
      Instant now) {
    if (certificate.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
      return false;
    }
    try {
      Set<String> named = new LinkedHashSet<>();
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> alternative : alternatives) {
          named.add(normal(String.valueOf(alternative.get(1))));
        }
      }
      return wanted.stream().map(HubTls::normal).allMatch(named::contains);
    } catch (CertificateException e) {
      return false;
    }
  }

  private static String normal(String name) {
    if (isAddress(name)) {
      try {
        return InetAddress.getByName(name).getHostAddress();
      } catch (UnknownHostException e) {
        return name;
      }
    }
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean isAddress(String name) {
    return name.contains(":") || name.matches("[0-9.]+");
  }

  // --- certificates and PEM ---

  private static X509Certificate selfSigned(KeyPair pair, Set<String> names, Instant now)
      throws GeneralSecurityException, IOException {
    List<GeneralName> alternatives = new ArrayList<>();
    for (String name : names) {
      alternatives.add(new GeneralName(isAddress(name) ? GeneralName.iPAddress : GeneralName.dNSName,
          name));
    }
    X500Name subject = new X500Name("CN=RedVest hub");
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
        new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(alternatives.toArray(new GeneralName[0])));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    try {
      X509CertificateHolder holder =
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("signing the hub's certificate", e);
    }
  }

  /** The public half of an EC P-256 private key: the point d·G. */
  private static java.security.PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
    if (!(key instanceof java.security.interfaces.ECPrivateKey ec)) {
      throw new GeneralSecurityException("the generated TLS key is not an EC key");
    }
    org.bouncycastle.jce.spec.ECNamedCurveParameterSpec curve =
        org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("secp256r1");
    org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(ec.getS()).normalize();
    java.security.spec.ECPoint w = new java.security.spec.ECPoint(
        q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    return java.security.KeyFactory.getInstance("EC").generatePublic(
        new java.security.spec.ECPublicKeySpec(w, ec.getParams()));
  }

  private static List<X509Certificate> readCertificates(Path file) {
    List<X509Certificate> chain = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the TLS certificate " + file + ": " + e, e);
    } catch (CertificateException e) {
      throw new IllegalStateException("the TLS certificate " + file + " is not valid: "
          + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IllegalStateException(file + " holds no PEM certificate");
    }
    return chain;
  }

  private static PrivateKey readKey(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object o = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IllegalStateException(file + " holds no unencrypted PEM private key"
          + (o == null ? "" : " (found " + o.getClass().getSimpleName() + ")"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the TLS key " + file + ": " + e, e);
    }
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }
}
