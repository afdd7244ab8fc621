package org.redvest.hub.domain.audit;

/** The store cannot be audited at all (not the same as an audit that finds failures). */
public final class AuditException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditException(String message) {
    super(message);
  }
}
