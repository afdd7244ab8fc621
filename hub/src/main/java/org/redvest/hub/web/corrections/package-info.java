/**
 * The corrections pages and JSON: {@link org.redvest.hub.web.corrections.CorrectionRoutes}
 * ({@code /api/corrections…}) and {@link org.redvest.hub.web.corrections.CorrectionPages}
 * ({@code /ui/corrections…}: list, form, one correction and its trail), with {@link
 * org.redvest.hub.web.corrections.SessionText} putting a session's states and actions into words.
 */
package org.redvest.hub.web.corrections;
