package org.redvest.protocol;

/** How the terminal identified the volunteer; the wire value is the constant's name. */
public enum CheckInMethod {
  /** A QR badge or credential. */
  QR,
  /** Face recognition against the station's gallery. */
  FACE,
  /** A QR credential verified against the face in front of the camera. */
  QR_FACE,
  /** A station manager's entry; the event carries {@code operatorId} and {@code reason}. */
  MANUAL
}
