/**
 * Signed QR credentials at the hub (docs/credentials.md): {@link
 * org.redvest.hub.domain.credentials.Credentials} keeps the issuer keys (generated on first start,
 * private seeds in 0600 files, rotation keeping old keys verifiable), issues and revokes
 * credentials and builds the roster; {@link org.redvest.hub.domain.credentials.CredentialLink}
 * publishes the retained roster and takes terminals' refused attempts off MQTT; {@code
 * web.credentials.CredentialRoutes} is the HTTP side. Its own SQLite file ({@code credentials.db})
 * keeps it apart from event ingest.
 */
package org.redvest.hub.domain.credentials;
