package org.redvest.protocol.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.SignedPayload;

/**
 * What a signature costs per event (docs/benchmarks.md, "Signatures"): signing on the terminal and
 * verifying on the hub, with the JDK's Ed25519 provider and with the code RedVest uses
 * (BouncyCastle's RFC 8032, through {@link Ed25519} and {@link SignedPayload}), on a real event
 * payload. Prints p50/p99 per call in µs and calls per second on one thread.
 *
 * <pre>
 * ./mvnw -q -pl protocol test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.redvest.protocol.bench.SignatureBenchmark -Dexec.args="20000"
 * </pre>
 */
public final class SignatureBenchmark {
  private static final String EVENT = "{\"v\":1,\"eventId\":\"%s\",\"stationId\":\"JX-RJ-0001\","
      + "\"terminalId\":\"kiosk-1\",\"terminalSeq\":%d,\"volunteerId\":\"V-360781-000123\","
      + "\"kind\":\"CHECK_IN\",\"method\":\"QR\",\"occurredAt\":\"2026-11-23T08:59:12.345+08:00\","
      + "\"evidence\":{\"offline\":false,\"prevHash\":\"9f2c5d1e8a7b6c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d\"}}";

  private SignatureBenchmark() {}

  public static void main(String[] args) throws GeneralSecurityException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    KeyPair key = Ed25519.generate();
    byte[][] bodies = new byte[n][];
    for (int i = 0; i < n; i++) {
      bodies[i] = String.format(Locale.ROOT, EVENT, UUID.randomUUID(), i + 1).getBytes(StandardCharsets.UTF_8);
    }
    byte[][] signed = new byte[n][];
    System.out.printf(Locale.ROOT, "%n%d event payloads of %d bytes, one thread, after a warm-up round%n%n",
        n, bodies[0].length);
    System.out.println("| operation | p50 µs | p99 µs | per second |");
    System.out.println("|---|---:|---:|---:|");
    for (int round = 0; round < 2; round++) {
      boolean print = round == 1;
      long[] jdkSign = time(n, i -> jdkSign(key, bodies[i]));
      long[] sign = time(n, i -> signed[i] = SignedPayload.sign(bodies[i], key.getPrivate()));
      long[] jdkVerify = time(n, i -> jdkVerify(key, SignedPayload.split(signed[i]).orElseThrow()));
      long[] verify = time(n, i -> SignedPayload.verify(signed[i], key.getPublic()));
      if (print) {
        row("sign, JDK provider", jdkSign);
        row("sign + envelope, RedVest (terminal)", sign);
        row("verify, JDK provider", jdkVerify);
        row("split + verify, RedVest (hub)", verify);
      }
    }
  }

  private interface Call {
    void run(int i) throws GeneralSecurityException;
  }

  private static long[] time(int n, Call call) throws GeneralSecurityException {
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      call.run(i);
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }

  private static void jdkSign(KeyPair key, byte[] body) throws GeneralSecurityException {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key.getPrivate());
    s.update(body);
    s.sign();
  }

  private static void jdkVerify(KeyPair key, SignedPayload.Parts parts) throws GeneralSecurityException {
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(key.getPublic());
    v.update(parts.body());
    if (!v.verify(parts.signature())) {
      throw new IllegalStateException("a signature did not verify");
    }
  }

  private static void row(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double total = Arrays.stream(nanos).sum() / 1e9;
    System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %,.0f |%n", what, sorted[sorted.length / 2] / 1e3,
        sorted[(int) (sorted.length * 0.99)] / 1e3, nanos.length / total);
  }
}
