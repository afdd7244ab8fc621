package org.redvest.protocol.credential;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The issuer keys a terminal trusts, by key id; immutable. */
public final class KeyRing {
  private final Map<String, TrustedKey> byId;

  private KeyRing(Map<String, TrustedKey> byId) {
    this.byId = byId;
  }

  /** A ring of {@code keys}; two keys with one id are refused. */
  public static KeyRing of(Collection<TrustedKey> keys) {
    Map<String, TrustedKey> byId = new LinkedHashMap<>();
    for (TrustedKey key : keys) {
      if (byId.putIfAbsent(key.keyId(), key) != null) {
        throw new IllegalArgumentException("keys: key id " + key.keyId() + " appears twice");
      }
    }
    return new KeyRing(byId);
  }

  public static KeyRing empty() {
    return new KeyRing(Map.of());
  }

  public Optional<TrustedKey> find(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }

  public List<TrustedKey> keys() {
    return List.copyOf(byId.values());
  }
}
