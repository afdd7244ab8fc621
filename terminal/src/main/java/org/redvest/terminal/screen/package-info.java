/**
 * The kiosk's local screen: {@link org.redvest.terminal.screen.WebScreen} serves a page on
 * 127.0.0.1 that Chromium shows in kiosk mode (the volunteer view with a live camera preview and
 * each result pushed as it happens), and a station-manager view behind a PIN
 * ({@link org.redvest.terminal.screen.ManagerPin}). Everything it shows comes from this kiosk's
 * own outbox and sightings, so it works with the hub offline. See docs/kiosk-screen.md.
 */
package org.redvest.terminal.screen;
