/**
 * The hub. {@link org.redvest.hub.Main} parses {@link org.redvest.hub.HubConfig} once and runs a
 * {@link org.redvest.hub.Hub}, which wires the groups below and closes them in reverse order.
 *
 * <p>The packages follow the way an event travels, and each group uses only the groups below it
 * ({@code LayersTest} fails the build otherwise):
 *
 * <pre>
 *   org.redvest.hub          start: Main, Hub, configuration, admin commands; wires everything
 *   web.*, api               pages, routes and JSON: what people and integrators see
 *   domain.*                 what the hub decides: fleet, credentials, enrolments, catalogue,
 *                            corrections, review, exports, certificates, passes, audit
 *   transport.*              how messages arrive and leave: broker, ingest, link
 *   store, hours             the ledger: the database, and the hour rules it keeps sessions by
 * </pre>
 *
 * The pages of a feature live in {@code web.FEATURE} (its templates in {@code
 * src/main/jte/web/FEATURE}, its words beside them), its rules and rows in {@code domain.FEATURE}.
 */
package org.redvest.hub;
