package org.redvest.protocol.fleet;

import java.util.Optional;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;

/**
 * A provisioned terminal's name at the broker: username {@code {stationId}/{terminalId}} and client
 * ids {@code rv/{stationId}/{terminalId}[/{link}]}, one per MQTT connection the terminal opens.
 * Ids never contain {@code /}, so a username or client id names exactly one terminal, and the
 * broker can tie every connection to the login it was made with.
 *
 * @param station the terminal's station
 * @param terminal the terminal's id within it
 */
public record TerminalAccount(StationId station, TerminalId terminal) {
  /** The broker username of the hub's own connections; no terminal can have it (no '/'). */
  public static final String HUB_USERNAME = "redvest-hub";
  private static final String CLIENT_PREFIX = "rv/";

  /** The terminal's MQTT connections, each with its own client id. */
  public enum Link {
    /** Events, status, heartbeats and their acks. */
    EVENTS(""),
    /** Roster and refused attempts. */
    CREDENTIALS("/credentials"),
    /** Face enrolment records. */
    ENROLMENTS("/enrolments");

    private final String suffix;

    Link(String suffix) {
      this.suffix = suffix;
    }
  }

  public TerminalAccount {
    if (station == null || terminal == null) {
      throw new ProtocolException("account", "station and terminal are required");
    }
  }

  public static TerminalAccount of(String station, String terminal) {
    return new TerminalAccount(StationId.of(station), TerminalId.of(terminal));
  }

  /** The account named by a broker username, or empty when it names none (the hub, garbage). */
  public static Optional<TerminalAccount> fromUsername(String username) {
    if (username == null) {
      return Optional.empty();
    }
    int slash = username.indexOf('/');
    if (slash < 0 || slash != username.lastIndexOf('/')) {
      return Optional.empty();
    }
    try {
      return Optional.of(of(username.substring(0, slash), username.substring(slash + 1)));
    } catch (ProtocolException e) {
      return Optional.empty();
    }
  }

  public String username() {
    return station + "/" + terminal;
  }

  public String clientId(Link link) {
    return CLIENT_PREFIX + station + "/" + terminal + link.suffix;
  }

  /** Whether {@code clientId} is one of this terminal's own connections. */
  public boolean ownsClientId(String clientId) {
    for (Link link : Link.values()) {
      if (clientId(link).equals(clientId)) {
        return true;
      }
    }
    return false;
  }
}
