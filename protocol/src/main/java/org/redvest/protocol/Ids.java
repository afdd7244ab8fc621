package org.redvest.protocol;

import java.util.regex.Pattern;

/** Validation shared by the identifier types: each must be usable as one MQTT topic level. */
final class Ids {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Ids() {}

  static String check(String value, String field) {
    if (value == null) {
      throw new ProtocolException(field, "is required");
    }
    if (!ID.matcher(value).matches()) {
      throw new ProtocolException(
          field,
          "must be 1-64 characters of letters, digits, '.', '_' or '-' starting with a letter or"
              + " digit, was \"" + value + "\"");
    }
    return value;
  }
}
