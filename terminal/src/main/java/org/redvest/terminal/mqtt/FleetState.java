package org.redvest.terminal.mqtt;

import java.util.Locale;
import java.util.Objects;

/**
 * The kiosk's place in the fleet as its relay sees it, for the manager view and the heartbeat's
 * {@code fleetState} (docs/protocol.md §8). Whatever the state, the outbox keeps every event.
 *
 * @param detail what happened and what to do, in English; null for {@link Kind#OK}
 */
public record FleetState(Kind kind, String detail) {
  /** What a kiosk that has not joined is told to do. */
  public static final String JOIN_HINT = "this terminal has not joined the fleet: ask the hub admin for a"
      + " claim code (redvest-hub claim, or the dashboard's fleet page) and enter it, or scan its join"
      + " code, on the kiosk's manager screen, or start the kiosk once with --claim CODE --hub http://HUB:PORT";
  public static final FleetState OK = new FleetState(Kind.OK, null);
  public static final FleetState NOT_JOINED = new FleetState(Kind.NOT_JOINED, JOIN_HINT);

  /** The heartbeat's {@code fleetState} values. */
  public enum Kind {
    /** Joined; logged in or trying to; publishes acknowledged. */
    OK,
    /** No login from the hub yet: a RedVest hub refuses the connection. */
    NOT_JOINED,
    /** The broker refused the login (MQTT return code 4 or 5): revoked, or a wrong login. */
    LOGIN_REFUSED,
    /**
     * Connected, but an event sent on this connection has had no PUBACK from the broker (which is
     * how a broker refuses a QoS 1 publish its ACL denies) or no ack from the hub for too long.
     */
    PUBLISHES_UNACKED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public FleetState {
    Objects.requireNonNull(kind, "kind");
  }
}
