/**
 * The station's policy: which check-in methods it accepts, whether plain badges count, and the
 * activities of the day with the method each requires. Entry type: {@link StationPolicy}, read
 * from the file given by {@code --policy} with {@link StationPolicy#parse}.
 */
package org.redvest.terminal.policy;
