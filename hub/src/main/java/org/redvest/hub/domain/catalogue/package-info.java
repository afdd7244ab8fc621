/**
 * Organisations, stations, activities and volunteers: the dimensions hours roll up by. {@link
 * org.redvest.hub.domain.catalogue.CatalogueRows} keeps them in the hub database; {@code
 * web.catalogue.ImportRoutes} fills them from CSV files through {@link
 * org.redvest.hub.domain.catalogue.ImportJobs} (streamed, batched, rejected rows kept by line).
 */
package org.redvest.hub.domain.catalogue;
