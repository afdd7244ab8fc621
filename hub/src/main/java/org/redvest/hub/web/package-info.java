/**
 * The hub's dashboard. {@link org.redvest.hub.web.WebAuth} is the entry type: it guards every
 * route (session cookie or API bearer token; a short list of public routes) and serves sign-in;
 * {@link org.redvest.hub.web.Users} and {@link org.redvest.hub.web.SignIns} keep accounts and
 * sessions. Pages ({@link org.redvest.hub.web.LivePage}, {@link org.redvest.hub.web.StationsPage},
 * {@link org.redvest.hub.web.UsersPage}, and other features' pages) render through {@link
 * org.redvest.hub.web.Page} in both {@link org.redvest.hub.web.Lang}s and ask {@link
 * org.redvest.hub.web.Access} who is signed in. See docs/dashboard.md.
 */
package org.redvest.hub.web;
