package org.redvest.terminal.fleet;

/** The kiosk could not join the fleet: the hub refused the claim, or could not be reached. */
public final class ProvisioningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProvisioningException(String message) {
    super(message);
  }

  public ProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when the hub could not be reached (worth trying again), false when it answered no. */
  public boolean unreachable() {
    return getCause() instanceof java.io.IOException;
  }
}
