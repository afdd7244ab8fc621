package org.redvest.hub.web;

import io.javalin.Javalin;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The web side's listeners: plain HTTP, and HTTPS with the hub's TLS key (docs/security.md,
 * "TLS"). Javalin adds its own HTTP listener only when none is configured, so both are added here,
 * HTTP first (Javalin reports the first one's port).
 */
public final class HttpListeners {
  private final AtomicReference<ServerConnector> https = new AtomicReference<>();

  private HttpListeners() {}

  /**
   * Adds HTTP on {@code httpHost:httpPort} and, when {@code tls} is not null, HTTPS on every
   * interface at {@code httpsPort} (0 picks a free port) to {@code http}, which must not be
   * started yet.
   */
  public static HttpListeners install(Javalin http, String httpHost, int httpPort, int httpsPort,
      SSLContext tls) {
    HttpListeners listeners = new HttpListeners();
    http.unsafeConfig().jetty.addConnector((server, config) -> {
      ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
      connector.setHost(httpHost);
      connector.setPort(httpPort);
      return connector;
    });
    if (tls != null) {
      http.unsafeConfig().jetty.addConnector((server, config) -> {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls);
        HttpConfiguration secure = new HttpConfiguration(config);
        // Kiosks reach the hub by addresses the certificate may not name; they pin its key.
        secure.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server,
            new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(secure));
        connector.setPort(httpsPort);
        listeners.https.set(connector);
        return connector;
      });
    }
    return listeners;
  }

  /** The bound HTTPS port, or -1 without HTTPS. */
  public int httpsPort() {
    ServerConnector connector = https.get();
    return connector == null ? -1 : connector.getLocalPort();
  }
}
