package org.redvest.protocol;

/** Identifier of a station, e.g. {@code JX-RJ-0001}. */
public record StationId(String value) implements Comparable<StationId> {
  public StationId {
    Ids.check(value, "stationId");
  }

  public static StationId of(String value) {
    return new StationId(value);
  }

  @Override
  public int compareTo(StationId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
