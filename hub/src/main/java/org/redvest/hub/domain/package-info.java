/**
 * What the hub decides, one package per feature, on top of the ledger and the transport and never
 * reaching up into the web: the {@code fleet} (who may report), {@code credentials} and {@code
 * enrolments}, the {@code catalogue}, {@code corrections} and {@code review}, {@code exports},
 * {@code certificates}, {@code passes} and the offline {@code audit}. Shared here: {@link
 * org.redvest.hub.domain.Dashboard} (what the features are built from), the acting {@link
 * org.redvest.hub.domain.Principal} with its {@link org.redvest.hub.domain.Role}, and {@link
 * org.redvest.hub.domain.Forbidden} for what a principal may not do.
 */
package org.redvest.hub.domain;
