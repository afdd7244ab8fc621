/**
 * Rotating volunteer web passes (docs/credentials.md, "Volunteer web pass"): a secret link per
 * volunteer whose page shows a QR code that changes every time step, each step a freshly signed
 * short-lived credential. Entry type: {@link Passes}; routes in {@link PassRoutes}.
 */
package org.redvest.hub.passes;
