/**
 * The catalogue's import pages and JSON: {@link org.redvest.hub.web.catalogue.ImportRoutes} serves
 * {@code /ui/import} and {@code /api/imports}, handing each CSV file to the domain's import jobs
 * and showing their progress and rejected rows (docs/dashboard.md, "Imports").
 */
package org.redvest.hub.web.catalogue;
