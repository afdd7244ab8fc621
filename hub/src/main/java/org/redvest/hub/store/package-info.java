/**
 * The hub's database: {@link org.redvest.hub.store.Database} opens SQLite (WAL, {@code
 * synchronous=FULL}) and migrates the {@link org.redvest.hub.store.Schema}; {@link
 * org.redvest.hub.store.Ledger} writes an ingest batch in one transaction (with each event's
 * receipt evidence) and materialises sessions; {@link org.redvest.hub.store.Reports} answers the API's queries. All SQL lives in this
 * package and is plain JDBC with portable SQL (upserts use {@code ON CONFLICT}, shared by SQLite
 * and PostgreSQL) so a PostgreSQL database can follow.
 */
package org.redvest.hub.store;
