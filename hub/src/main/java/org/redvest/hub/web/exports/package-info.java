/**
 * Hours exports ({@link org.redvest.hub.web.exports.ExportRoutes}): the form and the CSV or XLSX
 * download, written row by row by {@link org.redvest.hub.web.exports.HoursExport} through a {@link
 * org.redvest.hub.web.exports.TableWriter} straight to the response, so a large export never sits
 * in memory.
 */
package org.redvest.hub.web.exports;
