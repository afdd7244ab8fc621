/**
 * Service-record certificates (志愿服务记录证明): {@code web.certificates.CertificateRoutes} issues a
 * numbered A4 PDF for one volunteer and period, registers it with the SHA-256 of its bytes, and
 * serves the public {@code /verify/{number}} page its QR code points to.
 */
package org.redvest.hub.domain.certificates;
