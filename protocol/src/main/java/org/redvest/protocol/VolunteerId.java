package org.redvest.protocol;

/** Identifier of a volunteer, e.g. {@code V-360781-000123}. */
public record VolunteerId(String value) implements Comparable<VolunteerId> {
  public VolunteerId {
    Ids.check(value, "volunteerId");
  }

  public static VolunteerId of(String value) {
    return new VolunteerId(value);
  }

  @Override
  public int compareTo(VolunteerId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
