/**
 * Rotating volunteer web passes (docs/credentials.md, "Volunteer web pass"): a secret link per
 * volunteer whose page shows a QR code that changes every time step, each step a freshly signed
 * short-lived credential. Entry type: {@link org.redvest.hub.domain.passes.Passes}; its pages are
 * {@code web.passes}.
 */
package org.redvest.hub.domain.passes;
