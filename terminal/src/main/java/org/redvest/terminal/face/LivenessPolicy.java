package org.redvest.terminal.face;

/**
 * When a station asks for a turn challenge before a face check-in.
 *
 * <ul>
 *   <li>{@code OFF}: never (only for tests and replays; a photo would check someone in)
 *   <li>{@code PASSIVE}: when the passive model is unsure, or no passive model is installed
 *   <li>{@code ALWAYS}: for every face check-in
 * </ul>
 */
public enum LivenessPolicy {
  OFF,
  PASSIVE,
  ALWAYS
}
