package org.redvest.terminal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.protocol.EnrolmentRecord;
import org.redvest.terminal.capture.CaptureException;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.cli.Commands;
import org.redvest.terminal.cli.Flags;
import org.redvest.terminal.cli.TableCommand;
import org.redvest.terminal.credential.CardRequest;
import org.redvest.terminal.mqtt.MqttLogin;
import org.redvest.terminal.capture.FrameSource;
import org.redvest.terminal.face.FaceUnavailableException;
import org.redvest.terminal.face.Gallery;
import org.redvest.terminal.face.QualityGate;
import org.redvest.terminal.face.enrolment.Consent;
import org.redvest.terminal.face.enrolment.EnrolmentSession;
import org.redvest.terminal.face.enrolment.Enrolments;
import org.redvest.terminal.face.enrolment.TemplateKey;
import org.redvest.terminal.face.enrolment.TemplateVault;
import org.redvest.terminal.face.opencv.OpenCvFaceReader;
import org.redvest.terminal.mqtt.PahoEnrolmentRelay;
import picocli.CommandLine.Command;

/**
 * {@code enrol} and {@code withdraw}: face enrolment by a station manager at the kiosk, on the
 * console until the kiosk screen offers it. Enrolment shows the non-face alternative and the
 * consent first, runs an {@link EnrolmentSession} over live frames printing the quality gate's
 * guidance, stores the sealed templates and queues the ENROLLED record; withdrawal deletes the
 * templates for good and queues WITHDRAWN. Either then waits briefly for the hub's ack; what is
 * not acknowledged stays queued in {@code faces.db} and the kiosk's relay delivers it later.
 * Exit codes as {@link Main}: 0 done, 1 runtime failure, 2 usage or configuration error.
 */
final class EnrolCommand {
  private static final Duration RESEND_EVERY = Duration.ofSeconds(5);
  /** This process runs no kiosk: its gallery only satisfies {@link Enrolments}, nobody reads it. */
  private static final int NO_GALLERY_DIMENSIONS = 1;

  private EnrolCommand() {}

  @Command(name = "enrol", mixinStandardHelpOptions = true,
      versionProvider = Commands.Version.class, sortOptions = false,
      description = {"Enrols a volunteer's face, after their separate consent.", "Enrols a volunteer's face from the profile's camera after their separate"
          + " consent (given on paper or on screen first): captures --captures good frames, keeps"
          + " the encrypted templates in DATA-DIR/faces.db and queues the ENROLLED record for the"
          + " hub. Run it while the kiosk is stopped.",
          "With --card-hub it also asks that hub for a card carrying the face template (QR + face"
              + " 1:1) and writes its QR as a PNG."})
  static final class Enrol extends TableCommand<EnrolOptions> {
    private final PrintStream out;
    private final PrintStream err;

    Enrol(Map<String, String> env, PrintStream out, PrintStream err) {
      super(EnrolOptions.ENROL, env);
      this.out = out;
      this.err = err;
    }

    @Override
    protected EnrolOptions read(Flags.Values values) {
      return EnrolOptions.enrol(values);
    }

    @Override
    protected int run(EnrolOptions o) {
      return enrol(o, out, err);
    }
  }

  @Command(name = "withdraw", mixinStandardHelpOptions = true,
      versionProvider = Commands.Version.class, sortOptions = false,
      description = "Deletes a volunteer's face templates for good and queues the WITHDRAWN record"
          + " for the hub.")
  static final class Withdraw extends TableCommand<EnrolOptions> {
    private final PrintStream out;
    private final PrintStream err;

    Withdraw(Map<String, String> env, PrintStream out, PrintStream err) {
      super(EnrolOptions.WITHDRAW, env);
      this.out = out;
      this.err = err;
    }

    @Override
    protected EnrolOptions read(Flags.Values values) {
      return EnrolOptions.withdraw(values);
    }

    @Override
    protected int run(EnrolOptions o) {
      return withdraw(o, out, err);
    }
  }

  private static int enrol(EnrolOptions o, PrintStream out, PrintStream err) {
    Clock clock = Clock.system(o.zone());
    out.println(EnrolmentSession.NON_FACE_ALTERNATIVE);
    Consent consent = new Consent(o.consentId(), o.consentVersion(), OffsetDateTime.now(clock), o.operator());
    out.println("consent " + consent.consentId() + " (text " + consent.textVersion() + ") of " + o.volunteer()
        + " " + o.name() + " recorded by " + consent.operatorId());
    try (TemplateVault vault = openVault(o);
        OpenCvFaceReader reader = OpenCvFaceReader.open(Path.of(".").resolve(o.profile().models().get().directory()),
            o.profile().models().get(), QualityGate.KIOSK)) {
      EnrolmentSession session = new EnrolmentSession(o.volunteer(), o.name(), consent, o.captures(),
          reader.threshold());
      try (FrameSource camera = FrameSource.open(o.profile().camera(), Path.of("."), clock)) {
        capture(camera, reader, session, o.timeout(), out);
      }
      if (!session.complete()) {
        err.println("redvest-terminal enrol: only " + session.captured() + "/" + o.captures()
            + " good captures; nothing was stored, start again");
        return 1;
      }
      try (PahoEnrolmentRelay relay = startRelay(o, vault)) {
        EnrolmentRecord record = new Enrolments(vault, new Gallery(reader.dimensions()), relay::nudge).enrol(session);
        out.println("enrolled " + o.volunteer() + " with " + session.captured() + " templates (enrolment seq "
            + record.enrolmentSeq() + ")");
        reportDelivery(vault, record, o.drainTimeout(), out);
      }
      return o.cardHub() == null ? 0 : issueCard(o, session, out, err);
    } catch (CaptureException e) {
      err.println("redvest-terminal enrol: camera: " + e.getMessage());
      return 1;
    } catch (FaceUnavailableException | IllegalStateException | java.io.UncheckedIOException e) {
      err.println("redvest-terminal enrol: face enrolment cannot start: " + e.getMessage());
      return 2;
    }
  }

  private static int withdraw(EnrolOptions o, PrintStream out, PrintStream err) {
    try (TemplateVault vault = openVault(o); PahoEnrolmentRelay relay = startRelay(o, vault)) {
      Optional<EnrolmentRecord> record = new Enrolments(vault, new Gallery(NO_GALLERY_DIMENSIONS), relay::nudge)
          .withdraw(o.volunteer(), OffsetDateTime.now(Clock.system(o.zone())), o.operator());
      if (record.isEmpty()) {
        err.println("redvest-terminal withdraw: " + o.volunteer() + " is not enrolled at " + o.station() + "/"
            + o.terminal());
        return 1;
      }
      out.println("withdrawn " + o.volunteer() + ": templates deleted for good (enrolment seq "
          + record.get().enrolmentSeq() + ")");
      reportDelivery(vault, record.get(), o.drainTimeout(), out);
      return 0;
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      err.println("redvest-terminal withdraw: " + e.getMessage());
      return 1;
    }
  }

  /** Asks the hub for a card with the session's template and writes its PNG. */
  private static int issueCard(EnrolOptions o, EnrolmentSession session, PrintStream out, PrintStream err) {
    try {
      MqttLogin login = Terminal.brokerLogin(o.dataDir(), new TerminalAccount(o.station(), o.terminal()));
      CardRequest.Card card = CardRequest.issue(o.cardHub(), login == null ? null : login.tlsPin(), o.cardToken(),
          o.volunteer(), o.name(), o.consentId(), session.cardTemplate().toBytes(), Duration.ofSeconds(30));
      Files.write(o.cardPng(), card.png());
      out.println("card with face template: serial " + card.serial() + ", QR version " + card.qrVersion()
          + ", written to " + o.cardPng());
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("redvest-terminal enrol: enrolled, but no card was issued: " + e.getMessage());
      return 1;
    }
  }

  /** Offers each face seen to the session until it is complete, the replay ends or time runs out. */
  private static void capture(FrameSource camera, OpenCvFaceReader reader, EnrolmentSession session,
      Duration timeout, PrintStream out) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String shown = null;
    Optional<Frame> frame;
    while (!session.complete() && System.nanoTime() < deadline && (frame = camera.next()).isPresent()) {
      Optional<String> guidance = reader.read(frame.get()).map(session::offer);
      if (guidance.isPresent() && !guidance.get().equals(shown)) {
        shown = guidance.get();
        out.println(shown);
      }
    }
  }

  private static TemplateVault openVault(EnrolOptions o) {
    return TemplateVault.open(o.dataDir(), TemplateKey.openOrCreate(o.keyFile()), o.station(), o.terminal());
  }

  private static PahoEnrolmentRelay startRelay(EnrolOptions o, TemplateVault vault) {
    return PahoEnrolmentRelay.start(o.broker(),
        Terminal.brokerLogin(o.dataDir(), new TerminalAccount(o.station(), o.terminal())),
        o.topics(), o.station(), o.terminal(), vault, RESEND_EVERY);
  }

  /** Waits up to {@code timeout} for the hub's ack of {@code record}; says which way it went. */
  private static void reportDelivery(TemplateVault vault, EnrolmentRecord record, Duration timeout, PrintStream out) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (vault.unacked().stream().anyMatch(r -> r.enrolmentSeq() <= record.enrolmentSeq())) {
      if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
        out.println("the hub has not acknowledged it yet; it stays queued and the kiosk delivers it");
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    out.println("the hub acknowledged it");
  }
}
