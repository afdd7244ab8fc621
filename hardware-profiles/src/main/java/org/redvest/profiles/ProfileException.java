package org.redvest.profiles;

/** A hardware profile that cannot be used; the message names the profile and the key. */
public final class ProfileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  ProfileException(String source, String key, String problem) {
    super(source + ": " + key + ": " + problem);
    this.key = key;
  }

  /** The dotted key at fault, e.g. {@code camera.fps}. */
  public String key() {
    return key;
  }
}
