package org.redvest.terminal.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded generator of event payloads for the hub's decoder: mutations of the protocol's golden
 * events (field deleted, retyped, set to an edge value; bytes flipped, truncated, spliced), random
 * bytes, pathological JSON (deep nesting, huge numbers, odd Unicode), and a share of valid events
 * (fresh ids, random sequence numbers, so some collide) that must be stored.
 */
final class PayloadFuzzer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] FIELDS = {"v", "eventId", "stationId", "terminalId", "terminalSeq",
      "volunteerId", "kind", "method", "occurredAt", "activityId", "confidence", "operatorId",
      "reason"};

  private final Random random;
  private final List<ObjectNode> golden = new ArrayList<>();

  PayloadFuzzer(Random random, String station, String terminal) {
    this.random = random;
    for (String name : List.of("event-check-in.json", "event-manual-check-out.json")) {
      try (InputStream in = PayloadFuzzer.class.getResourceAsStream("/protocol/" + name)) {
        if (in == null) {
          throw new IllegalStateException("golden payload /protocol/" + name + " not on the classpath");
        }
        ObjectNode event = (ObjectNode) JSON.readTree(in);
        event.put("stationId", station);
        event.put("terminalId", terminal);
        golden.add(event);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  byte[] next() {
    int kind = random.nextInt(100);
    if (kind < 15) {
      return valid().toString().getBytes(StandardCharsets.UTF_8);
    } else if (kind < 55) {
      return fieldMutation().toString().getBytes(StandardCharsets.UTF_8);
    } else if (kind < 80) {
      return byteMutation(valid().toString().getBytes(StandardCharsets.UTF_8));
    } else if (kind < 90) {
      return randomBytes(random.nextInt(400));
    }
    return pathological();
  }

  private ObjectNode valid() {
    ObjectNode e = golden.get(random.nextInt(golden.size())).deepCopy();
    e.put("eventId", UUID.randomUUID().toString());
    e.put("terminalSeq", 1 + random.nextInt(5_000));
    e.put("volunteerId", "V-FUZZ-" + random.nextInt(50));
    return e;
  }

  private ObjectNode fieldMutation() {
    ObjectNode e = valid();
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      String field = random.nextInt(10) == 0 ? randomString(8) : FIELDS[random.nextInt(FIELDS.length)];
      switch (random.nextInt(4)) {
        case 0 -> e.remove(field);
        case 1 -> e.set(field, edgeValue());
        case 2 -> e.put(field, randomString(random.nextInt(80)));
        default -> e.set(field, NODES.nullNode());
      }
    }
    return e;
  }

  private JsonNode edgeValue() {
    return switch (random.nextInt(16)) {
      case 0 -> NODES.numberNode(0);
      case 1 -> NODES.numberNode(-1);
      case 2 -> NODES.numberNode(Long.MAX_VALUE);
      case 3 -> NODES.numberNode(Long.MIN_VALUE);
      case 4 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
      case 5 -> NODES.numberNode(1.5e308);
      case 6 -> NODES.numberNode(0.5);
      case 7 -> NODES.textNode("NaN");
      case 8 -> NODES.booleanNode(random.nextBoolean());
      case 9 -> NODES.arrayNode().add(1).add("x");
      case 10 -> NODES.objectNode().put("a", 1);
      case 11 -> NODES.textNode("+999999999-12-31T23:59:59.999999999-18:00");
      case 12 -> NODES.textNode("-999999999-01-01T00:00:00Z");
      case 13 -> NODES.textNode("2026-02-30T25:61:00+08:00");
      case 14 -> NODES.textNode(UUID.randomUUID().toString().toUpperCase());
      default -> NODES.textNode("\u0000\uD83D\uDE00\u202E" + "a".repeat(random.nextInt(200)));
    };
  }

  private byte[] byteMutation(byte[] bytes) {
    byte[] out = bytes.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
          out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
      case 2 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
      default -> {
        int at = random.nextInt(out.length);
        byte[] splice = randomBytes(1 + random.nextInt(20));
        byte[] joined = new byte[out.length + splice.length];
        System.arraycopy(out, 0, joined, 0, at);
        System.arraycopy(splice, 0, joined, at, splice.length);
        System.arraycopy(out, at, joined, at + splice.length, out.length - at);
        out = joined;
      }
    }
    return out;
  }

  private byte[] pathological() {
    return switch (random.nextInt(6)) {
      case 0 -> ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
      case 1 -> ("{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)).getBytes(StandardCharsets.UTF_8);
      case 2 -> ("{\"terminalSeq\":" + "9".repeat(20_000) + "}").getBytes(StandardCharsets.UTF_8);
      case 3 -> duplicateKeys();
      case 4 -> new byte[0];
      default -> ("\"" + "x".repeat(50_000) + "\"").getBytes(StandardCharsets.UTF_8);
    };
  }

  private byte[] duplicateKeys() {
    String valid = valid().toString();
    return (valid.substring(0, valid.length() - 1) + ",\"terminalSeq\":\"7\",\"eventId\":null}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private String randomString(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.appendCodePoint(random.nextInt(5) == 0 ? random.nextInt(0x10FFFF + 1) : 32 + random.nextInt(95));
    }
    // Lone surrogates are not encodable; keep what Jackson can write.
    return s.toString().replaceAll("[\\uD800-\\uDFFF]", "?");
  }
}
