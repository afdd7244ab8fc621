package org.redvest.terminal.face.enrolment;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.redvest.protocol.EnrolmentRecord;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.face.Gallery;

/**
 * Enrolment and withdrawal as one step each: the vault (templates, consent, the record owed to the
 * hub) and the running kiosk's gallery change together, and the hub is told through
 * {@code afterRecord} (the enrolment relay's nudge).
 */
public final class Enrolments {
  private final TemplateVault vault;
  private final Gallery gallery;
  private final Runnable afterRecord;

  public Enrolments(TemplateVault vault, Gallery gallery, Runnable afterRecord) {
    this.vault = vault;
    this.gallery = gallery;
    this.afterRecord = afterRecord;
  }

  /** Stores a complete session's captures; the volunteer can check in by face at once. */
  public EnrolmentRecord enrol(EnrolmentSession session) {
    if (!session.complete()) {
      throw new IllegalStateException("enrolment of " + session.volunteer() + " has " + session.captured()
          + " captures; it is not complete");
    }
    EnrolmentRecord record = vault.enrol(session.volunteer(), session.displayName(), session.consent(),
        session.captures());
    gallery.remove(session.volunteer().value());
    gallery.add(session.volunteer().value(), session.captures());
    afterRecord.run();
    return record;
  }

  /** Deletes the volunteer's templates for good and tells the hub; empty if none were enrolled. */
  public Optional<EnrolmentRecord> withdraw(VolunteerId volunteer, OffsetDateTime at, String operatorId) {
    gallery.remove(volunteer.value());
    Optional<EnrolmentRecord> record = vault.withdraw(volunteer, at, operatorId);
    record.ifPresent(r -> afterRecord.run());
    return record;
  }
}
