package org.redvest.hub.domain.audit;

/**
 * One terminal's audit counts.
 *
 * @param unsigned legacy events stored before the terminal joined the fleet (not failures unless
 *     strict)
 * @param badSignature signatures that verify with no key, and unsigned events received after the
 *     terminal joined the fleet
 * @param unknownKey signatures by a key bound to another terminal, or to none of this one's
 * @param rowMismatch rows whose columns differ from their signed payload, or whose payload no
 *     longer decodes
 * @param released events received after revocation that an admin released from a hold (counted,
 *     for review)
 * @param gaps places where the chain skips a sequence number (nothing to compare; not a failure)
 * @param chainBreaks links that do not hold, and differences from the anchor of the last clean
 *     audit (an anchored event changed, or events deleted from the end)
 * @param failures everything above that fails the audit, each event and reason once
 * @param lastSeq the highest {@code terminalSeq} stored (0 for none)
 * @param lastHash that event's chain hash, what the next anchor keeps (null for none)
 */
public record TerminalSummary(String terminal, long checked, long verified, long unsigned,
    long badSignature, long unknownKey, long rowMismatch, long afterRevocation, long released,
    long chainBreaks, long gaps, long failures, long lastSeq, String lastHash) {}
