/**
 * The volunteer web pass: {@link org.redvest.hub.web.passes.PassRoutes} creates a pass link and
 * serves the public phone page whose QR code changes every time step (docs/credentials.md,
 * "Volunteer web pass"), with sign-in throttling on the secret.
 */
package org.redvest.hub.web.passes;
