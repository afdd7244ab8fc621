package org.redvest.hub.domain.catalogue;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Identity document numbers at the import boundary: checked, then masked to the first and last
 * character ({@code 3****************X}) before anything is stored or logged. The full number never
 * leaves this class.
 */
final class IdNumbers {
  private static final Pattern DOCUMENT = Pattern.compile("[0-9A-Za-z]{6,32}");
  private static final Pattern RESIDENT_18 = Pattern.compile("[0-9]{17}[0-9Xx]");
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private IdNumbers() {}

  /**
   * The masked number, or a reason the number is unusable (never quoting it). An 18-character
   * resident identity number must carry a valid GB 11643 check digit; other documents
   * (passports, Hong Kong and Macau permits) are 6–32 letters and digits.
   */
  static Masked mask(String number) {
    String n = number.trim();
    if (!DOCUMENT.matcher(n).matches()) {
      return Masked.rejected("id_number：须为 6 到 32 位字母和数字",
          "id_number: must be 6 to 32 letters and digits");
    }
    if (n.length() == 18 && RESIDENT_18.matcher(n).matches() && !checkDigitOk(n)) {
      return Masked.rejected("id_number：身份证号码校验位错误",
          "id_number: the check digit of this resident identity number is wrong");
    }
    String masked = n.charAt(0) + "*".repeat(n.length() - 2) + Character.toUpperCase(n.charAt(n.length() - 1));
    return new Masked(Optional.of(masked), null, null);
  }

  private static boolean checkDigitOk(String n) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (n.charAt(i) - '0') * WEIGHTS[i];
    }
    return Character.toUpperCase(n.charAt(17)) == CHECK.charAt(sum % 11);
  }

  /** The masked number, or why there is none. */
  record Masked(Optional<String> value, String problemZh, String problem) {
    static Masked rejected(String zh, String en) {
      return new Masked(Optional.empty(), zh, en);
    }
  }
}
