/**
 * Certificates on the web: {@link org.redvest.hub.web.certificates.CertificateRoutes} issues,
 * lists and revokes them for signed-in users, and {@link
 * org.redvest.hub.web.certificates.VerifyPage} is the public {@code /verify/{number}} page a
 * certificate's QR code points to, with the volunteer's name masked.
 */
package org.redvest.hub.web.certificates;
