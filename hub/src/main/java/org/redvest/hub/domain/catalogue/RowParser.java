package org.redvest.hub.domain.catalogue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * Turns one CSV row of an import into a catalogue value, or says why not ({@link Rejected},
 * naming the column). References are checked against what the catalogue holds plus the rows
 * accepted earlier in the same file, so a file lists parents before children.
 */
final class RowParser {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_TEXT = 200;
  private static final int MAX_ANCESTORS = 64;

  private final ImportKind kind;
  private final Map<String, Integer> columns;
  private final Set<String> organisations;
  private final Set<String> stations;
  private final Map<String, String> parents = new HashMap<>();

  /**
   * @param organisations organisation ids known now; grows as organisation rows are accepted
   * @param parents each known organisation's parent, for the cycle check
   */
  private RowParser(ImportKind kind, Map<String, Integer> columns, Set<String> organisations,
      Set<String> stations, Map<String, String> parents) {
    this.kind = kind;
    this.columns = columns;
    this.organisations = organisations;
    this.stations = stations;
    this.parents.putAll(parents);
  }

  /**
   * A parser for files with {@code header}.
   *
   * @throws IllegalArgumentException naming a required column the header lacks
   */
  static RowParser of(ImportKind kind, List<String> header, Set<String> organisations,
      Set<String> stations, Map<String, String> parents) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    for (String required : kind.required()) {
      if (!columns.containsKey(required)) {
        throw new IllegalArgumentException("the header row has no \"" + required
            + "\" column; " + kind.code() + " files need " + String.join(",", kind.required())
            + " and may have " + String.join(",", kind.optional()));
      }
    }
    return new RowParser(kind, columns, organisations, stations, parents);
  }

  /** The row's value: an Organisation, StationInfo, ActivityInfo or VolunteerInfo. */
  Object parse(List<String> row) throws Rejected {
    for (String field : row) {
      if (field.indexOf('\uFFFD') >= 0) {
        throw new Rejected("该行不是有效的 UTF-8 文本，请将文件另存为“CSV UTF-8”",
            "the row is not valid UTF-8; save the file as \"CSV UTF-8\"");
      }
    }
    return switch (kind) {
      case ORGANISATIONS -> organisation(row);
      case STATIONS -> station(row);
      case ACTIVITIES -> activity(row);
      case VOLUNTEERS -> volunteer(row);
    };
  }

  private Organisation organisation(List<String> row) throws Rejected {
    String id = id(row, "id");
    String parent = optional(row, "parent_id");
    if (parent != null) {
      if (parent.equals(id)) {
        throw new Rejected("parent_id：组织不能是自己的上级",
            "parent_id: an organisation cannot be its own parent");
      }
      if (!organisations.contains(parent)) {
        throw new Rejected("parent_id：未知组织“" + parent + "”（上级组织须列在下级之前）",
            "parent_id: unknown organisation \"" + parent
            + "\" (list parents before their children)");
      }
      String up = parent;
      for (int i = 0; up != null && i < MAX_ANCESTORS; i++) {
        if (up.equals(id)) {
          throw new Rejected("parent_id：“" + parent + "”是“" + id + "”的下级（循环）",
              "parent_id: \"" + parent + "\" is below \"" + id + "\" (a cycle)");
        }
        up = parents.get(up);
      }
    }
    Organisation o = new Organisation(id, name(row), parent, optional(row, "person_in_charge"),
        optional(row, "handler"), optional(row, "contact"));
    organisations.add(id);
    parents.put(id, parent);
    return o;
  }

  private StationInfo station(List<String> row) throws Rejected {
    StationId id;
    try {
      id = StationId.of(required(row, "id"));
    } catch (ProtocolException e) {
      throw new Rejected("id：不是有效的站点编号（字母、数字、. _ -，最多 64 位）",
          "id: not a station id (letters, digits, . _ -, up to 64)");
    }
    Double lat = coordinate(row, "latitude", 90);
    Double lon = coordinate(row, "longitude", 180);
    if ((lat == null) != (lon == null)) {
      throw new Rejected("latitude/longitude：经纬度须同时填写或同时留空",
          "latitude/longitude: give both or neither");
    }
    StationInfo s = new StationInfo(id, name(row), organisationRef(row), lat, lon);
    stations.add(id.value());
    return s;
  }

  private ActivityInfo activity(List<String> row) throws Rejected {
    String id = id(row, "id");
    String station = optional(row, "station_id");
    if (station != null && !stations.contains(station)) {
      throw new Rejected("station_id：未知站点“" + station + "”（请先导入站点）",
          "station_id: unknown station \"" + station + "\" (import stations first)");
    }
    return new ActivityInfo(id, name(row), station == null ? null : StationId.of(station),
        organisationRef(row), optional(row, "content"));
  }

  private VolunteerInfo volunteer(List<String> row) throws Rejected {
    VolunteerId id;
    try {
      id = VolunteerId.of(required(row, "id"));
    } catch (ProtocolException e) {
      throw new Rejected("id：不是有效的志愿者编号（字母、数字、. _ -，最多 64 位）",
          "id: not a volunteer id (letters, digits, . _ -, up to 64)");
    }
    String number = optional(row, "id_number");
    String masked = null;
    if (number != null) {
      IdNumbers.Masked m = IdNumbers.mask(number);
      if (m.value().isEmpty()) {
        throw new Rejected(m.problemZh(), m.problem());
      }
      masked = m.value().get();
    }
    return new VolunteerInfo(id, name(row), organisationRef(row), masked);
  }

  private String organisationRef(List<String> row) throws Rejected {
    String org = optional(row, "organisation_id");
    if (org != null && !organisations.contains(org)) {
      throw new Rejected("organisation_id：未知组织“" + org + "”（请先导入组织）",
          "organisation_id: unknown organisation \"" + org + "\" (import organisations first)");
    }
    return org;
  }

  private String id(List<String> row, String column) throws Rejected {
    String id = required(row, column);
    if (!ID.matcher(id).matches()) {
      throw new Rejected(column + "：须为字母、数字、. _ -（最多 64 位），实际为“" + id + "”",
          column + ": must be letters, digits, . _ - (up to 64), was \"" + id + "\"");
    }
    return id;
  }

  private String name(List<String> row) throws Rejected {
    return required(row, "name");
  }

  private String required(List<String> row, String column) throws Rejected {
    String v = optional(row, column);
    if (v == null) {
      throw new Rejected(column + "：缺失", column + ": missing");
    }
    return v;
  }

  private String optional(List<String> row, String column) throws Rejected {
    Integer i = columns.get(column);
    if (i == null || i >= row.size()) {
      return null;
    }
    String v = row.get(i).strip();
    if (v.length() > MAX_TEXT) {
      throw new Rejected(column + "：超过 " + MAX_TEXT + " 个字符",
          column + ": longer than " + MAX_TEXT + " characters");
    }
    return v.isEmpty() ? null : v;
  }

  private Double coordinate(List<String> row, String column, double max) throws Rejected {
    String v = optional(row, column);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      if (Math.abs(d) <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Rejected(column + "：须为 -" + (int) max + " 到 " + (int) max + " 之间的十进制度数，实际为“" + v
        + "”", column + ": must be decimal degrees from -" + (int) max + " to "
        + (int) max + ", was \"" + v + "\"");
  }

  /** Why a row was not imported; the message names the column. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    private final String zh;

    Rejected(String zh, String en) {
      super(en, null, false, false);
      this.zh = zh;
    }

    /** The reason in Chinese; {@link #getMessage()} is the English. */
    String zh() {
      return zh;
    }
  }
}
