package org.redvest.hub.store;

/**
 * The state of one terminal's hash chain (docs/protocol.md §4, {@code prevHash}) over its
 * contiguous committed events.
 *
 * @param verifiedSeq events {@code 1..verifiedSeq} were checked (up to the first break)
 * @param brokenAtSeq the first {@code terminalSeq} whose {@code prevHash} does not match the
 *     stored event before it (that event or the one before it was altered or replaced), or null
 * @param detail what did not match, null when intact
 * @param chained whether the terminal sends {@code prevHash} at all (a terminal that never did is
 *     reported intact but unchained)
 */
public record ChainStatus(
    TerminalRef terminal, long verifiedSeq, Long brokenAtSeq, String detail, boolean chained) {

  public boolean intact() {
    return brokenAtSeq == null;
  }

  /**
   * Whether the stored payload of event {@code seq} is in doubt: the break is at it (its own
   * {@code prevHash} may have been edited) or at the event right after it (its payload was).
   */
  public boolean doubts(long seq) {
    return brokenAtSeq != null && seq >= brokenAtSeq - 1;
  }
}
