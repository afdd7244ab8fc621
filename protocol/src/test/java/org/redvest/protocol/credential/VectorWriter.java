package org.redvest.protocol.credential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * Writes the credential test vectors in {@code src/test/resources/credentials/} (run it by hand
 * after a format change; {@link CredentialVectorsTest} checks the committed files). Keys come
 * from fixed seeds and Ed25519 is deterministic, so a rerun writes the same bytes.
 *
 * <pre>java -cp protocol/target/classes:protocol/target/test-classes:$JACKSON \
 *   org.redvest.protocol.credential.VectorWriter protocol/src/test/resources/credentials</pre>
 */
public final class VectorWriter {
  static final String KEY_ID = "test-2026";
  static final String OTHER_KEY_ID = "other-1";
  static final Instant KEY_NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
  static final StationId STATION = StationId.of("JX-RJ-0001");
  static final long REVOKED_SERIAL = 7;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final VolunteerId ZHANG = VolunteerId.of("V-360781-000123");
  private static final Instant ISSUED = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2027-11-01T00:00:00Z");

  private VectorWriter() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir.resolve("vectors"));
    byte[] seed = seed("redvest test issuer key 2026");
    byte[] otherSeed = seed("redvest some other issuer");
    Issuer issuer = Issuer.of(KEY_ID, Ed25519.privateKey(seed));
    Issuer stranger = Issuer.of(OTHER_KEY_ID, Ed25519.privateKey(otherSeed));
    writeKeyAndContext(dir, seed);

    Credential valid = Credential.of(ZHANG, "张三", ISSUED, EXPIRES, KEY_ID, 1);
    String validCode = issuer.issue(valid);
    vector(dir, "valid", validCode, valid);
    Credential scoped = Credential.of(VolunteerId.of("V-360781-000124"), "李四", ISSUED, EXPIRES, KEY_ID, 2)
        .withStations(List.of(STATION, StationId.of("JX-RJ-0003")));
    vector(dir, "valid-station-scoped", issuer.issue(scoped), scoped);
    Credential noName = Credential.of(VolunteerId.of("V-9"), null, ISSUED, EXPIRES, KEY_ID, 3)
        .withFlags(Set.of(CredentialFlag.PHONE_PASS));
    vector(dir, "valid-no-name-phone-pass", issuer.issue(noName), noName);

    Credential withFace = Credential.of(ZHANG, "张三", ISSUED, EXPIRES, KEY_ID, 9).withFaceTemplate(testTemplate());
    String withFaceCode = issuer.issue(withFace);
    vector(dir, "valid-face-template", withFaceCode, withFace);
    refused(dir, "face-template-tampered", flipTemplateByte(withFaceCode), RefusalReason.FORGED);

    refused(dir, "bad-signature", flipLastSignatureByte(validCode), RefusalReason.FORGED);
    Credential renamed = Credential.of(ZHANG, "王五", ISSUED, EXPIRES, KEY_ID, 1);
    refused(dir, "altered-name", spliceSignature(issuer.issue(renamed), validCode), RefusalReason.FORGED);
    refused(dir, "expired", issuer.issue(Credential.of(ZHANG, "张三", Instant.parse("2026-02-01T00:00:00Z"),
        Instant.parse("2026-08-01T00:00:00Z"), KEY_ID, 4)), RefusalReason.EXPIRED);
    refused(dir, "not-yet-valid", issuer.issue(Credential.of(ZHANG, "张三", Instant.parse("2026-12-01T00:00:00Z"),
        EXPIRES, KEY_ID, 5)), RefusalReason.NOT_YET_VALID);
    refused(dir, "unknown-key", stranger.issue(Credential.of(ZHANG, "张三", ISSUED, EXPIRES, OTHER_KEY_ID, 1)),
        RefusalReason.UNKNOWN_KEY);
    refused(dir, "revoked", issuer.issue(Credential.of(ZHANG, "张三", ISSUED, EXPIRES, KEY_ID, REVOKED_SERIAL)),
        RefusalReason.REVOKED);
    refused(dir, "other-station", issuer.issue(Credential.of(ZHANG, "张三", ISSUED, EXPIRES, KEY_ID, 8)
        .withStations(List.of(StationId.of("JX-RJ-0002")))), RefusalReason.NOT_FOR_THIS_STATION);
    refused(dir, "wrong-format-not-base45", "RVC1:this is not base45!", RefusalReason.WRONG_FORMAT);
    refused(dir, "wrong-format-truncated", validCode.substring(0, validCode.length() - 30), RefusalReason.WRONG_FORMAT);
    refused(dir, "wrong-format-garbage", "RVC1:" + Base45.encode(new byte[120]), RefusalReason.WRONG_FORMAT);
  }

  private static void writeKeyAndContext(Path dir, byte[] seed) throws IOException {
    ObjectNode key = JSON.createObjectNode();
    key.put("keyId", KEY_ID);
    key.put("algorithm", "Ed25519");
    key.put("privateSeedHex", HexFormat.of().formatHex(seed));
    key.put("publicKeyHex", HexFormat.of().formatHex(Ed25519.raw(publicOf(seed))));
    key.put("notBefore", KEY_NOT_BEFORE.toString());
    key.putNull("notAfter");
    write(dir.resolve("test-key.json"), key);
    ObjectNode context = JSON.createObjectNode();
    context.put("now", NOW.toString());
    context.put("stationId", STATION.value());
    context.put("skewSeconds", Verifier.DEFAULT_SKEW.toSeconds());
    context.putArray("revokedSerials").add(REVOKED_SERIAL);
    context.putArray("trustedKeys").add(KEY_ID);
    write(dir.resolve("context.json"), context);
  }

  private static java.security.PublicKey publicOf(byte[] seed) {
    return Ed25519.keyPair(seed).getPublic();
  }

  private static void vector(Path dir, String name, String code, Credential c) throws IOException {
    ObjectNode expected = JSON.createObjectNode();
    expected.put("verdict", "VALID");
    expected.put("volunteerId", c.volunteerId().value());
    if (c.displayName() != null) {
      expected.put("displayName", c.displayName());
    }
    expected.put("issuedAt", c.issuedAt().toString());
    expected.put("expiresAt", c.expiresAt().toString());
    expected.put("keyId", c.keyId());
    expected.put("serial", c.serial());
    ArrayNode stations = expected.putArray("stations");
    c.stations().forEach(s -> stations.add(s.value()));
    ArrayNode flags = expected.putArray("flags");
    c.flags().forEach(f -> flags.add(f.name()));
    if (c.faceTemplate() != null) {
      expected.put("faceTemplateHex", HexFormat.of().formatHex(c.faceTemplate().encoded()));
    }
    writeVector(dir, name, code, expected);
  }

  private static void refused(Path dir, String name, String code, RefusalReason reason) throws IOException {
    ObjectNode expected = JSON.createObjectNode();
    expected.put("verdict", "REFUSED");
    expected.put("reason", reason.name());
    writeVector(dir, name, code, expected);
  }

  private static void writeVector(Path dir, String name, String code, ObjectNode expected) throws IOException {
    Files.writeString(dir.resolve("vectors/" + name + ".code"), code + "\n", StandardCharsets.UTF_8);
    write(dir.resolve("vectors/" + name + ".expected.json"), expected);
  }

  private static void write(Path file, ObjectNode node) throws IOException {
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n",
        StandardCharsets.UTF_8);
  }

  /** A fixed 512-value template at 8 bits (the size MobileFaceNet's embedding gives). */
  static FaceTemplate testTemplate() {
    java.util.Random random = new java.util.Random(2026);
    float[] values = new float[512];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return FaceTemplate.quantise(values, 8);
  }

  /** The code with one byte of its face template changed, signature kept. */
  static String flipTemplateByte(String code) {
    byte[] bytes = Base45.decode(code.substring(Issuer.PREFIX.length()));
    bytes[bytes.length - 64 - 100] ^= 0x01;
    return Issuer.PREFIX + Base45.encode(bytes);
  }

  static String flipLastSignatureByte(String code) {
    byte[] bytes = Base45.decode(code.substring(Issuer.PREFIX.length()));
    bytes[bytes.length - 1] ^= 0x01;
    return Issuer.PREFIX + Base45.encode(bytes);
  }

  /** The body of {@code body} with the signature of {@code signatureFrom}. */
  static String spliceSignature(String body, String signatureFrom) {
    byte[] b = Base45.decode(body.substring(Issuer.PREFIX.length()));
    byte[] s = Base45.decode(signatureFrom.substring(Issuer.PREFIX.length()));
    System.arraycopy(s, s.length - 64, b, b.length - 64, 64);
    return Issuer.PREFIX + Base45.encode(b);
  }

  static byte[] seed(String phrase) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(phrase.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static PrivateKey privateKey(String phrase) {
    return Ed25519.privateKey(seed(phrase));
  }
}
