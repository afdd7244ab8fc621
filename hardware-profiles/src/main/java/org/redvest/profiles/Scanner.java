package org.redvest.profiles;

/**
 * How QR codes reach the terminal.
 *
 * @param kind {@code CAMERA}: decoded from camera frames; {@code HID}: a keyboard-wedge scanner
 *     that types one code per line into a device or standard input; {@code SERIAL}: a scanner on a
 *     serial port sending one code per line
 * @param device for HID and SERIAL: the device path, or {@code -} for standard input
 * @param baud for SERIAL: the line speed
 */
public record Scanner(Kind kind, String device, int baud) {

  /** Scanner kinds, with their YAML names in lower case. */
  public enum Kind {
    CAMERA,
    HID,
    SERIAL
  }
}
