package org.redvest.hub.domain.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.HubHttp;
import org.redvest.protocol.StationId;
import org.redvest.protocol.credential.Credential;
import org.redvest.protocol.credential.CredentialFlag;
import org.redvest.protocol.credential.FaceTemplate;
import org.redvest.protocol.credential.Verdict;

/** POST /api/credentials with a face template: signed into the code, never stored at the hub. */
class FaceTemplateIssuingTest {
  @TempDir Path dir;
  private Hub hub;

  @BeforeEach
  void start() {
    hub = Hub.start(HubConfig.local(dir.resolve("hub")));
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void issue_withTemplateAndConsent_codeCarriesTheQuantisedTemplateAndHubFilesDoNot() throws Exception {
    float[] embedding = embedding(512);
    HubHttp.Reply response = post("{\"volunteerId\":\"V-360781-000123\",\"displayName\":\"张三\","
        + "\"consentId\":\"consent-123\",\"faceTemplate\":\"" + base64(embedding) + "\"}");

    assertThat(response.status()).as(response.text()).isEqualTo(201);
    JsonNode json = response.json();
    Verdict verdict = hub.credentials().roster().verifier(StationId.of("JX-RJ-0001"), Duration.ofMinutes(5))
        .verify(json.get("code").asText(), Instant.now());
    Credential c = ((Verdict.Valid) verdict).credential();
    FaceTemplate expected = FaceTemplate.quantise(embedding, 8);
    assertThat(c.faceTemplate()).isEqualTo(expected);
    assertThat(c.flags()).contains(CredentialFlag.FACE_TEMPLATE);
    assertThat(json.get("qr").get("version").asInt()).isEqualTo(20);
    assertThat(hub.credentials().faceConsent(c.serial())).contains("consent-123");

    hub.close();
    byte[] quantised = java.util.Arrays.copyOfRange(expected.encoded(), 1, 33);
    byte[] raw = java.util.Arrays.copyOf(floatBytes(embedding), 32);
    for (Path file : files(dir.resolve("hub"))) {
      byte[] content = Files.readAllBytes(file);
      assertThat(indexOf(content, quantised)).as("quantised template in %s", file).isNegative();
      assertThat(indexOf(content, raw)).as("raw template in %s", file).isNegative();
    }
    assertThat(files(dir.resolve("hub"))).anyMatch(f -> f.getFileName().toString().equals("hub.db"))
        .anyMatch(f -> f.getFileName().toString().equals("credentials.db"));
  }

  @Test
  void issue_templateWithoutConsent_isRefusedNamingConsentId() throws Exception {
    HubHttp.Reply response = post("{\"volunteerId\":\"V-1\",\"faceTemplate\":\"" + base64(embedding(512)) + "\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).contains("consentId");
  }

  @Test
  void issue_fourBitTemplate_isSmallerQr() throws Exception {
    HubHttp.Reply response = post("{\"volunteerId\":\"V-1\",\"consentId\":\"c-1\",\"templateBits\":4,"
        + "\"faceTemplate\":\"" + base64(embedding(512)) + "\"}");

    assertThat(response.status()).as(response.text()).isEqualTo(201);
    assertThat(response.json().get("faceTemplate").get("bits").asInt()).isEqualTo(4);
    assertThat(response.json().get("qr").get("version").asInt()).isLessThan(20);
  }

  private HubHttp.Reply post(String body) {
    return HubHttp.api(hub).postJson("/api/credentials", body);
  }

  static float[] embedding(int n) {
    Random random = new Random(7);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian() * 0.05f;
    }
    return v;
  }

  static byte[] floatBytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  static String base64(float[] v) {
    return Base64.getEncoder().encodeToString(floatBytes(v));
  }

  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return new ArrayList<>(walk.filter(Files::isRegularFile).toList());
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
