package org.redvest.protocol.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * Runs every vector in {@code src/test/resources/credentials/vectors} (a {@code .code} file and
 * its {@code .expected.json}) through a verifier built from {@code test-key.json} and {@code
 * context.json} alone, the way another implementation would.
 */
class CredentialVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> vectors() throws IOException {
    try (Stream<Path> files = Files.list(dir().resolve("vectors"))) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".code")).map(n -> n.substring(0, n.length() - 5)).sorted().toList();
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_vector_givesTheExpectedVerdict(String name) throws IOException {
    String code = Files.readString(dir().resolve("vectors/" + name + ".code"), StandardCharsets.UTF_8).strip();
    JsonNode expected = json("vectors/" + name + ".expected.json");

    Verdict verdict = verifier().verify(code, Instant.parse(json("context.json").get("now").asText()));

    if (expected.get("verdict").asText().equals("VALID")) {
      assertThat(verdict).isInstanceOf(Verdict.Valid.class);
      Credential c = ((Verdict.Valid) verdict).credential();
      assertThat(c.volunteerId().value()).isEqualTo(expected.get("volunteerId").asText());
      assertThat(c.displayName()).isEqualTo(expected.path("displayName").textValue());
      assertThat(c.issuedAt()).isEqualTo(Instant.parse(expected.get("issuedAt").asText()));
      assertThat(c.expiresAt()).isEqualTo(Instant.parse(expected.get("expiresAt").asText()));
      assertThat(c.keyId()).isEqualTo(expected.get("keyId").asText());
      assertThat(c.serial()).isEqualTo(expected.get("serial").asLong());
      assertThat(c.stations().stream().map(StationId::value).toList()).isEqualTo(texts(expected.get("stations")));
      assertThat(c.flags().stream().map(Enum::name).toList()).isEqualTo(texts(expected.get("flags")));
      assertThat(c.faceTemplate() == null ? null : HexFormat.of().formatHex(c.faceTemplate().encoded()))
          .isEqualTo(expected.path("faceTemplateHex").textValue());
    } else {
      assertThat(verdict).isInstanceOf(Verdict.Refused.class);
      assertThat(((Verdict.Refused) verdict).reason().name()).isEqualTo(expected.get("reason").asText());
    }
  }

  @Test
  void issue_validVectorsFields_reproducesTheCodeByteForByte() throws IOException {
    Issuer issuer = Issuer.of(VectorWriter.KEY_ID, Ed25519.privateKey(testSeed()));
    for (String name : List.of("valid", "valid-station-scoped", "valid-no-name-phone-pass",
        "valid-face-template")) {
      JsonNode e = json("vectors/" + name + ".expected.json");
      Set<CredentialFlag> flags = new HashSet<>();
      texts(e.get("flags")).forEach(f -> flags.add(CredentialFlag.valueOf(f)));
      Credential c = new Credential(VolunteerId.of(e.get("volunteerId").asText()), e.path("displayName").textValue(),
          Instant.parse(e.get("issuedAt").asText()), Instant.parse(e.get("expiresAt").asText()),
          e.get("keyId").asText(), e.get("serial").asLong(),
          texts(e.get("stations")).stream().map(StationId::of).toList(), flags,
          e.has("faceTemplateHex") ? FaceTemplate.parse(HexFormat.of().parseHex(e.get("faceTemplateHex").asText()))
              : null);

      assertThat(issuer.issue(c)).as(name)
          .isEqualTo(Files.readString(dir().resolve("vectors/" + name + ".code")).strip());
    }
  }

  @Test
  void keyPair_testSeed_derivesThePublishedPublicKey() throws IOException {
    var pair = Ed25519.keyPair(testSeed());

    assertThat(HexFormat.of().formatHex(Ed25519.raw(pair.getPublic())))
        .isEqualTo(json("test-key.json").get("publicKeyHex").asText());
    assertThat(Ed25519.seed(pair.getPrivate())).isEqualTo(testSeed());
  }

  private static Verifier verifier() throws IOException {
    JsonNode key = json("test-key.json");
    JsonNode context = json("context.json");
    TrustedKey trusted = new TrustedKey(key.get("keyId").asText(),
        Ed25519.publicKey(HexFormat.of().parseHex(key.get("publicKeyHex").asText())),
        Instant.parse(key.get("notBefore").asText()), null);
    Set<Long> revoked = new HashSet<>();
    context.get("revokedSerials").forEach(n -> revoked.add(n.asLong()));
    return new Verifier(KeyRing.of(List.of(trusted)), revoked, StationId.of(context.get("stationId").asText()),
        Duration.ofSeconds(context.get("skewSeconds").asLong()));
  }

  private static byte[] testSeed() throws IOException {
    return HexFormat.of().parseHex(json("test-key.json").get("privateSeedHex").asText());
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asText()));
    return values;
  }

  private static JsonNode json(String relative) throws IOException {
    return JSON.readTree(Files.readString(dir().resolve(relative), StandardCharsets.UTF_8));
  }

  private static Path dir() {
    try {
      return Path.of(CredentialVectorsTest.class.getResource("/credentials").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
