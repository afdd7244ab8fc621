package org.redvest.hub.store;

import java.time.Instant;
import org.redvest.protocol.EnrolmentRecord;

/**
 * A volunteer's latest face enrolment record at a station, as stored.
 *
 * @param at the terminal's time with its offset, as sent
 */
public record EnrolmentState(String stationId, String volunteerId, String terminalId, long enrolmentSeq,
    String consentId, String consentVersion, EnrolmentRecord.State state, String at, Instant receivedAt) {}
