package org.redvest.hub.domain;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import org.redvest.hub.domain.catalogue.Catalogue;
import org.redvest.hub.hours.ApprovedDays;
import org.redvest.hub.hours.EvidenceRules;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.hours.SessionSource;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.Reports;

/**
 * What the dashboard's features are built from; {@code Hub.start} makes one and passes it to each
 * feature's {@code register(Javalin, Dashboard)}.
 *
 * @param dataDir the hub's data directory (rule packs, imports)
 * @param evidence the evidence rules, caps included
 * @param sessions sessions with corrections applied: use this, not {@code reports.sessions}
 * @param approvals approvals granted for volunteers' days over a daily cap (the caps are {@code
 *     evidence.caps()})
 */
public record Dashboard(
    Path dataDir,
    EvidenceRules evidence,
    Clock clock,
    ZoneId zone,
    Database database,
    Reports reports,
    HoursCalculator hours,
    SessionSource sessions,
    Catalogue catalogue,
    ApprovedDays approvals) {

  /** A dashboard on which no day over a cap has been approved. */
  public Dashboard(Path dataDir, EvidenceRules evidence, Clock clock, ZoneId zone,
      Database database, Reports reports, HoursCalculator hours, SessionSource sessions,
      Catalogue catalogue) {
    this(dataDir, evidence, clock, zone, database, reports, hours, sessions, catalogue,
        ApprovedDays.NONE);
  }
}
