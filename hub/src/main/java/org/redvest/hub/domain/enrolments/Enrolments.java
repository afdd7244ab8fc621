package org.redvest.hub.domain.enrolments;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.EnrolmentRows;
import org.redvest.hub.transport.ingest.Signatures;
import org.redvest.hub.transport.link.BrokerLogin;
import org.redvest.hub.transport.link.HubLink;
import org.redvest.hub.transport.link.HubSigner;
import org.redvest.protocol.Topics;

/**
 * Face enrolment records at the hub: their own connection to {@code hub.db}, their own
 * {@link HubLink} (client id {@code redvest-hub-enrolments-<prefix>}, thread
 * {@code enrolment-link}) and {@code GET /api/enrolments}. Closing is idempotent.
 */
public final class Enrolments implements AutoCloseable {
  private final EnrolmentRows rows;
  private final HubLink link;

  /** The enrolment records received, for the dashboard's list. */
  public EnrolmentRows rows() {
    return rows;
  }

  private Enrolments(EnrolmentRows rows, HubLink link) {
    this.rows = rows;
    this.link = link;
  }

  /** Subscribes on {@code brokerUrl}; the dashboard serves {@link #rows()}. */
  public static Enrolments start(Database database, URI brokerUrl, BrokerLogin login,
      HubSigner signer, Signatures signatures, Topics topics, Clock clock) {
    EnrolmentRows rows = EnrolmentRows.open(database);
    try {
      HubLink link = HubLink.start(brokerUrl, login, signer,
          "redvest-hub-enrolments-" + topics.prefix().replaceAll("[^A-Za-z0-9]", "-"), "enrolment-link",
          List.of(new EnrolmentInbox(topics, rows, clock, signatures)));
      return new Enrolments(rows, link);
    } catch (RuntimeException e) {
      rows.close();
      throw e;
    }
  }

  @Override
  public void close() {
    link.close();
    rows.close();
  }
}
