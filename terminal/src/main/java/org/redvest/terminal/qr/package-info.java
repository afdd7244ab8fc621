/**
 * Reading QR codes: {@link org.redvest.terminal.qr.QrScanner} turns a camera frame or an image
 * into the text of the QR code it shows, if any, with ZXing; {@link
 * org.redvest.terminal.qr.ScanCommand} is the {@code scan FILE...} command line on top of it. What
 * the text means (a volunteer badge or not) is decided elsewhere, by {@code VolunteerBadge.parse}.
 */
package org.redvest.terminal.qr;
