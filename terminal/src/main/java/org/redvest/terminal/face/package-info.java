/**
 * Face check-in, in plain Java: {@link org.redvest.terminal.face.FaceCheckIn} takes each frame's
 * {@link org.redvest.terminal.face.FaceObservation} from a {@link org.redvest.terminal.face.FaceReader},
 * gives quality guidance, searches the station's {@link org.redvest.terminal.face.Gallery} 1:N,
 * lets a {@link org.redvest.terminal.face.MatchPolicy} say known, near miss or unknown, waits for
 * several frames to agree and for liveness (passive score, or a
 * {@link org.redvest.terminal.face.TurnChallenge}) before it confirms a volunteer to the kiosk.
 */
package org.redvest.terminal.face;
