package org.redvest.hub.domain.certificates;

/** A certificate cannot be made or issued; the message says why in words a user can act on. */
public final class CertificateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CertificateException(String message) {
    super(message);
  }
}
