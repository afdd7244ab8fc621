/**
 * Exports of hours as CSV and XLSX ({@code web.exports.ExportRoutes}): sessions read through the
 * dashboard's {@code SessionSource} a time window at a time, with names from the catalogue, written
 * straight to the response so a large export never sits in memory.
 */
package org.redvest.hub.domain.exports;
