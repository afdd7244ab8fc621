/**
 * Re-checks a whole store offline ({@code redvest-hub audit}, docs/security.md "Audit"): every
 * stored event's signature against the keys bound to its own terminal, the row against the signed
 * payload, each terminal's hash chain, and events received after their terminal's revocation.
 * {@link org.redvest.hub.domain.audit.StoreAudit} is the entry type; it reads through a read-only
 * connection, so it runs beside a running hub.
 */
package org.redvest.hub.domain.audit;
