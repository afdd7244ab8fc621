package org.redvest.hub.web;

import java.time.Clock;
import java.time.ZoneId;
import org.redvest.hub.HubConfig;
import org.redvest.hub.catalogue.Catalogue;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.hours.SessionSource;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.Reports;

/**
 * What the dashboard's features are built from; {@code Hub.start} makes one and passes it to each
 * feature's {@code register(Javalin, Dashboard)}.
 *
 * @param sessions sessions with corrections applied: use this, not {@code reports.sessions}
 */
public record Dashboard(
    HubConfig config,
    Clock clock,
    ZoneId zone,
    Database database,
    Reports reports,
    HoursCalculator hours,
    SessionSource sessions,
    Catalogue catalogue) {}
