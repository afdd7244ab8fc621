/**
 * Maps drawn offline from the operator's own boundary file: {@link
 * org.redvest.hub.web.map.BaseMap} is the entry type. It reads a GeoJSON FeatureCollection ({@link
 * org.redvest.hub.web.map.Boundaries}), projects it ({@link org.redvest.hub.web.map.Projection},
 * shared with the stations' dots) and simplifies it to the screen's resolution, once, into SVG
 * path data for the stations page. The hub ships no boundaries: maps of China shown to the public
 * must come from an approved base map (审图号), so the operator supplies one (docs/dashboard.md).
 */
package org.redvest.hub.web.map;
