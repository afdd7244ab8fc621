/**
 * Organisations, stations, activities and volunteers: the dimensions hours roll up by. {@link
 * org.redvest.hub.catalogue.CatalogueRows} keeps them in the hub database; {@link
 * org.redvest.hub.catalogue.ImportRoutes} fills them from CSV files through {@link
 * org.redvest.hub.catalogue.ImportJobs} (streamed, batched, rejected rows kept by line).
 */
package org.redvest.hub.catalogue;
