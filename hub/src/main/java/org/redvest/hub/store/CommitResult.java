package org.redvest.hub.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redvest.protocol.VolunteerId;

/**
 * What a committed batch changed.
 *
 * @param stored events stored for the first time
 * @param duplicates redeliveries of events already stored (acknowledged and ignored)
 * @param deadLettered messages kept aside, including events that conflict with a stored one
 * @param committedSeq per terminal that sent events in the batch: the highest terminalSeq N such
 *     that every seq 1..N of that terminal is stored
 * @param volunteers volunteers whose sessions must be recomputed
 */
public record CommitResult(
    List<ReceivedEvent> stored,
    int duplicates,
    int deadLettered,
    Map<TerminalRef, Long> committedSeq,
    Set<VolunteerId> volunteers) {}
