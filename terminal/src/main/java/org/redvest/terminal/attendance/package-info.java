/**
 * Deciding what a sighting of a volunteer means: {@link org.redvest.terminal.attendance.CheckIns}
 * toggles check-in/check-out from the terminal's own outbox (so the answer is immediate, offline
 * too, and survives restarts) and debounces a person who stays in front of the camera into a
 * single event. Returns a {@link org.redvest.terminal.attendance.Decision} for the screen to show.
 * A check-in left open past {@link org.redvest.terminal.attendance.SessionRules} is a forgotten
 * check-out: its end is proposed from evidence ({@link org.redvest.terminal.attendance.EndTimeProposal},
 * {@link org.redvest.terminal.attendance.Sightings}) and recorded as a correction once confirmed.
 */
package org.redvest.terminal.attendance;
