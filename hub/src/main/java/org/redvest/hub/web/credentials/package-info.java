/**
 * The credential API ({@link org.redvest.hub.web.credentials.CredentialRoutes}, docs/api.md,
 * "Credentials"): issue, revoke, print as a QR code, and list terminals' refused attempts.
 */
package org.redvest.hub.web.credentials;
