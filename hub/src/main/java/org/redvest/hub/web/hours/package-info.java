/**
 * The dashboard's hours pages and JSON: {@link org.redvest.hub.web.hours.HoursRoutes} registers
 * them; sums come from {@code org.redvest.hub.hours.HoursRollup} over sessions read a page at a
 * time from the dashboard's session source.
 */
package org.redvest.hub.web.hours;
