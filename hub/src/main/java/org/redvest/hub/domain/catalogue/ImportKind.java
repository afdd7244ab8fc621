package org.redvest.hub.domain.catalogue;

import java.util.List;
import java.util.Locale;

/**
 * What a CSV import fills, with its columns (docs/dashboard.md, "Imports"); its name on the pages
 * is {@code import.kind.CODE} in the catalogue's words.
 */
public enum ImportKind {
  ORGANISATIONS("organisations", List.of("id", "name"),
      List.of("parent_id", "person_in_charge", "handler", "contact")),
  STATIONS("stations", List.of("id", "name"),
      List.of("organisation_id", "latitude", "longitude")),
  ACTIVITIES("activities", List.of("id", "name"),
      List.of("station_id", "organisation_id", "content")),
  VOLUNTEERS("volunteers", List.of("id", "name"),
      List.of("organisation_id", "id_number"));

  private final String en;
  private final List<String> required;
  private final List<String> optional;

  ImportKind(String en, List<String> required, List<String> optional) {
    this.en = en;
    this.required = required;
    this.optional = optional;
  }

  public List<String> required() {
    return required;
  }

  public List<String> optional() {
    return optional;
  }

  /** {@code volunteers}, {@code stations}... (any case). */
  public static ImportKind parse(String text) {
    for (ImportKind k : values()) {
      if (k.en.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException("kind: must be organisations, stations, activities or"
        + " volunteers, was \"" + text + "\"");
  }

  /** The lower-case name used in URLs and JSON. */
  public String code() {
    return en.toLowerCase(Locale.ROOT);
  }
}
