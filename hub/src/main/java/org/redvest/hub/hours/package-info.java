/**
 * Volunteer hours from attendance events, as pure Java with an injected {@link java.time.Clock}:
 * {@link org.redvest.hub.hours.HoursCalculator} folds one volunteer's events into {@link
 * org.redvest.hub.hours.Session}s following docs/hours-rules.md, and {@link
 * org.redvest.hub.hours.VolunteerHours} sums credited minutes per day in the hub's zone, and {@link
 * org.redvest.hub.hours.EvidenceGrading} grades a session from the evidence of its ends, with
 * {@link org.redvest.hub.hours.Receipt} (what the hub measured when an event arrived: terminal
 * clock offset, delay) and {@link org.redvest.hub.hours.DailyCaps} (credited minutes per
 * volunteer and calendar day against approval tiers); thresholds come from {@link
 * org.redvest.hub.hours.EvidenceRules}. No database, broker or HTTP here.
 */
package org.redvest.hub.hours;
