package org.redvest.hub.hours;

import java.util.List;

/**
 * Where pages, exports and certificates get sessions from: the stored sessions as of now, with
 * approved corrections applied on top (originals are never edited). Every consumer of hours uses
 * this, so a correction shows up everywhere at once.
 */
@FunctionalInterface
public interface SessionSource {

  /** The sessions matching {@code query}, open ones as of now, corrections applied. */
  List<Session> sessions(SessionQuery query);
}
