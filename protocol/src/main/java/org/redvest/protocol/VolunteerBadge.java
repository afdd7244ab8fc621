package org.redvest.protocol;

import java.util.Optional;

/**
 * What a plain (unsigned) volunteer QR badge carries: {@code RV1:<volunteerId>[:<displayName>]}.
 *
 * <p>Example: {@code RV1:V-360781-000123:张三}. The display name is everything after the second
 * colon (it may itself contain colons) and is what the kiosk greets the volunteer with. Signed
 * credentials will use another prefix; terminals read badges only through {@link #parse}.
 */
public record VolunteerBadge(VolunteerId volunteerId, String displayName) {
  public static final String PREFIX = "RV1:";
  private static final int MAX_NAME_LENGTH = 64;

  public VolunteerBadge {
    if (volunteerId == null) {
      throw new ProtocolException("volunteerId", "is required");
    }
    if (displayName != null
        && (displayName.length() > MAX_NAME_LENGTH || displayName.chars().anyMatch(Character::isISOControl))) {
      throw new ProtocolException(
          "displayName", "must be at most " + MAX_NAME_LENGTH + " printable characters");
    }
  }

  /** The badge a QR code's text describes, or empty when the text is not a RedVest badge. */
  public static Optional<VolunteerBadge> parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = text.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    String id = colon < 0 ? rest : rest.substring(0, colon);
    String name = colon < 0 ? null : rest.substring(colon + 1);
    try {
      return Optional.of(
          new VolunteerBadge(VolunteerId.of(id), name == null || name.isEmpty() ? null : name));
    } catch (ProtocolException e) {
      return Optional.empty();
    }
  }

  /** The text to put in the QR code. */
  public String encode() {
    return PREFIX + volunteerId + (displayName == null ? "" : ":" + displayName);
  }

  /** The name to greet with: the display name, or the id when the badge has none. */
  public String greeting() {
    return displayName == null ? volunteerId.value() : displayName;
  }
}
