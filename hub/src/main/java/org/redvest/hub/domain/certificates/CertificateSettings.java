package org.redvest.hub.domain.certificates;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How certificates are made, parsed once at start-up.
 *
 * @param publicUrl the hub's address as people outside reach it, e.g. {@code https://hours.example.org};
 *     the QR code points to {@code <publicUrl>/verify/<number>}. Null: the address the issuing user
 *     reached the hub at ({@code http://<host>:<port>} of the request).
 * @param font a TrueType font file (.ttf or .ttc) with Chinese glyphs; null: search the usual
 *     places ({@link CertificateFont#CANDIDATES})
 */
public record CertificateSettings(URI publicUrl, Path font) {
  public static final String PUBLIC_URL_ENV = "REDVEST_HUB_PUBLIC_URL";
  public static final String FONT_ENV = "REDVEST_CERTIFICATE_FONT";

  public CertificateSettings {
    if (publicUrl != null && (publicUrl.getScheme() == null || publicUrl.getHost() == null
        || !publicUrl.getScheme().startsWith("http"))) {
      throw new IllegalArgumentException(PUBLIC_URL_ENV
          + ": must look like https://hours.example.org, was " + publicUrl);
    }
  }

  /** Both unset: the request's address and a font from the usual places. */
  public static CertificateSettings defaults() {
    return new CertificateSettings(null, null);
  }

  /**
   * From {@value #PUBLIC_URL_ENV} and {@value #FONT_ENV}; unset or blank means the default.
   *
   * @throws IllegalArgumentException naming the variable whose value cannot be used
   */
  public static CertificateSettings fromEnv(Map<String, String> env) {
    String url = env.get(PUBLIC_URL_ENV);
    String font = env.get(FONT_ENV);
    URI uri = null;
    if (url != null && !url.isBlank()) {
      try {
        uri = new URI(url.trim().replaceAll("/+$", ""));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(PUBLIC_URL_ENV
            + ": must be a URL like https://hours.example.org, was " + url);
      }
    }
    return new CertificateSettings(uri, font == null || font.isBlank() ? null : Path.of(font.trim()));
  }
}
