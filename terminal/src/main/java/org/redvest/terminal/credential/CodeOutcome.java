package org.redvest.terminal.credential;

import java.util.Objects;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.credential.Credential;
import org.redvest.protocol.credential.RefusalReason;

/** What the kiosk makes of a scanned code. */
public sealed interface CodeOutcome permits CodeOutcome.Accepted, CodeOutcome.Refused, CodeOutcome.NotACode {

  /**
   * A volunteer identified by a code.
   *
   * @param credential the verified credential, or null for a plain badge
   */
  record Accepted(VolunteerId volunteerId, String greeting, Credential credential) implements CodeOutcome {
    public Accepted {
      Objects.requireNonNull(volunteerId, "volunteerId");
      Objects.requireNonNull(greeting, "greeting");
    }
  }

  /**
   * A code that claims to identify a volunteer but is not accepted here; shown and recorded.
   *
   * @param credential the credential when its signature verified (revoked, expired …), else null
   * @param keyId the key the code names, even unverified, or null
   * @param codeHash hex SHA-256 of the code text
   */
  record Refused(RefusalReason reason, String detail, Credential credential, String keyId, String codeHash)
      implements CodeOutcome {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    /** What the screen says, in the kiosk's words. */
    public String message() {
      return switch (reason) {
        case EXPIRED -> "凭证已过期 (credential expired)";
        case REVOKED -> "凭证已作废 (credential revoked)";
        case NOT_FOR_THIS_STATION -> "凭证不适用于本站点 (not for this station)";
        case FORGED -> "凭证签名无效 (forged or altered credential)";
        case UNKNOWN_KEY -> "凭证签发密钥未知 (unknown issuer key; roster out of date?)";
        case NOT_YET_VALID -> "凭证尚未生效 (credential not yet valid)";
        case WRONG_FORMAT -> "凭证格式错误 (damaged or not a RedVest credential)";
        case PLAIN_BADGE_NOT_ACCEPTED -> "本站点只接受签名凭证 (plain badges not accepted here)";
        case REPLAYED -> "通行码已使用 (already used)";
        case FACE_MISMATCH -> "面部与证件不符 (face does not match the card)";
      };
    }
  }

  /** Not a volunteer code at all (a promo QR, a URL): ignored after a polite message. */
  record NotACode() implements CodeOutcome {}
}
