package org.redvest.terminal.screen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.terminal.attendance.Decision;
import org.redvest.terminal.attendance.EndTimeProposal;
import org.redvest.terminal.outbox.OutboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The question the volunteer view asks when someone's last check-in was never closed: "你上次签到
 * 11月22日 08:59 未签退，建议签退时间 17:02（最后一次出现） 确认 / 修改". Confirmed or corrected within
 * {@code answerWithin}, it records the correction check-out and the new check-in
 * ({@code CheckIns.closeForgotten}); unanswered, {@code CheckIns.forgottenUnanswered} decides.
 */
final class ForgottenPrompts {
  private static final Logger LOG = LoggerFactory.getLogger(ForgottenPrompts.class);
  static final DateTimeFormatter LOCAL_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KioskParts parts;
  private final Duration answerWithin;
  private final ScheduledExecutorService timer;
  private final Consumer<String> push;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(Decision.Forgotten forgotten, String name, String message) {}

  ForgottenPrompts(KioskParts parts, Duration answerWithin, ScheduledExecutorService timer, Consumer<String> push) {
    this.parts = parts;
    this.answerWithin = answerWithin;
    this.timer = timer;
    this.push = push;
  }

  void ask(Decision.Forgotten forgotten, String name) {
    String token = HexFormat.of().formatHex(bytes());
    String message = question(token, forgotten, name);
    pending.put(token, new Pending(forgotten, name, message));
    push.accept(message);
    timer.schedule(() -> unanswered(token), answerWithin.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Questions still open, for a page that connects while one is on screen. */
  List<String> pendingMessages() {
    return pending.values().stream().map(Pending::message).toList();
  }

  /**
   * The volunteer's answer: {@code endText} as yyyy-MM-ddTHH:mm station time; the proposal's basis
   * when it equals {@code proposedText}, else ENTERED.
   */
  void answer(String token, String endText, String proposedText) {
    Pending p = pending.get(token);
    if (p == null) {
      throw new IllegalStateException("this question was already answered or has expired");
    }
    Decision.Forgotten f = p.forgotten();
    OffsetDateTime end = parse(endText, f.sighting().at());
    AttendanceEvent checkIn = f.lastCheckIn();
    if (!EndTimeProposal.withinBounds(end, checkIn.occurredAt(), f.sighting().at(), parts.checkIns().rules())) {
      throw new IllegalArgumentException("end: must be after the check-in and no later than "
          + LOCAL_MINUTE.format(parts.checkIns().rules().latestEnd(checkIn.occurredAt(), f.sighting().at())));
    }
    if (pending.remove(token) == null) {
      throw new IllegalStateException("this question was already answered or has expired");
    }
    // Confirming the proposal records its exact time (the page shows minutes); any other time is ENTERED.
    Optional<EndTimeProposal> confirmed = f.proposal().filter(x -> endText.equals(proposedText)
        && LOCAL_MINUTE.format(x.at()).equals(endText));
    if (confirmed.isPresent()) {
      end = confirmed.get().at();
    }
    String basis = confirmed.map(EndTimeProposal::basis).orElse(EndTimeProposal.ENTERED);
    List<AttendanceEvent> events = parts.checkIns().closeForgotten(f, end, basis);
    AttendanceEvent in = events.get(1);
    ObjectNode m = Messages.base("recorded", "ok", "result.checkedIn");
    m.put("name", p.name()).put("time", WebScreen.HH_MM.format(in.occurredAt())).put("beep", true);
    OffsetDateTime closedAt = end;
    Messages.detail(m, lang -> lang.get("forgotten.closed", lang.day(closedAt)));
    m.put("resolves", token);
    push.accept(m.toString());
  }

  private void unanswered(String token) {
    Pending p = pending.remove(token);
    if (p == null) {
      return;
    }
    ObjectNode m;
    try {
      Optional<AttendanceEvent> in = parts.checkIns().forgottenUnanswered(p.forgotten());
      if (in.isPresent()) {
        m = Messages.base("recorded", "warn", "result.checkedIn");
        m.put("name", p.name()).put("time", WebScreen.HH_MM.format(in.get().occurredAt()));
        Messages.detail(m, lang -> lang.get("forgotten.keptOpen"));
      } else {
        m = Messages.base("refused", "error", "forgotten.notRecorded");
        m.put("name", p.name());
        Messages.detail(m, lang -> lang.get("forgotten.scanAgain"));
      }
    } catch (OutboxException e) {
      LOG.error("unanswered forgotten check-out of {}: {}", p.forgotten().volunteerId(), e.getMessage());
      m = Messages.base("refused", "error", "forgotten.cannotSave");
    }
    m.put("resolves", token);
    push.accept(m.toString());
  }

  private String question(String token, Decision.Forgotten f, String name) {
    OffsetDateTime now = f.sighting().at();
    OffsetDateTime in = f.lastCheckIn().occurredAt().atZoneSameInstant(now.getOffset()).toOffsetDateTime();
    OffsetDateTime latest = parts.checkIns().rules().latestEnd(in, now);
    ObjectNode m = Messages.base("forgotten", "warn", "forgotten.title");
    m.put("token", token).put("name", name).put("seconds", answerWithin.toSeconds());
    m.put("min", LOCAL_MINUTE.format(in.plusMinutes(1).truncatedTo(ChronoUnit.MINUTES)));
    m.put("max", LOCAL_MINUTE.format(latest));
    Optional<EndTimeProposal> proposal = f.proposal();
    m.put("proposed", LOCAL_MINUTE.format(proposal.map(EndTimeProposal::at).orElse(latest)));
    Messages.detail(m, lang -> lang.get("forgotten.question", lang.day(in)) + proposal
        .map(p -> lang.get("forgotten.suggested", WebScreen.HH_MM.format(p.at()), basis(lang, p.basis())))
        .orElse(lang.get("forgotten.enterEnd")));
    return m.toString();
  }

  /** How a proposed end time was found, in {@code lang}'s words. */
  static String basis(Lang lang, String basis) {
    return lang.getOr("basis." + basis, lang.get("basis.MANUAL"));
  }

  /** yyyy-MM-ddTHH:mm in the station's offset at {@code reference}. */
  static OffsetDateTime parse(String text, OffsetDateTime reference) {
    if (text == null) {
      throw new IllegalArgumentException("end: is required");
    }
    try {
      return LocalDateTime.parse(text, LOCAL_MINUTE).atOffset(reference.getOffset());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("end: must look like 2026-11-22T17:02, was " + text, e);
    }
  }

  private static byte[] bytes() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return b;
  }
}
