package org.redvest.protocol.credential;

import java.util.Objects;
import java.util.Optional;

/** The outcome of verifying a code: a value, never an exception. */
public sealed interface Verdict permits Verdict.Valid, Verdict.Refused {

  /** A genuine credential, acceptable here and now. */
  record Valid(Credential credential) implements Verdict {
    public Valid {
      Objects.requireNonNull(credential, "credential");
    }
  }

  /**
   * Not accepted, and why.
   *
   * @param detail a sentence for logs and the refusal record, e.g. "expired at 2026-11-01T00:00:00Z"
   * @param credential what the code says, only when its signature was verified (revoked, expired,
   *     not yet valid, other station); null otherwise, because an unverified claim is not evidence
   */
  record Refused(RefusalReason reason, String detail, Credential credential) implements Verdict {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    public Optional<Credential> optionalCredential() {
      return Optional.ofNullable(credential);
    }
  }
}
