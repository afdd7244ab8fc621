package org.redvest.terminal;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;

/**
 * A real hub for each test, on free loopback ports with its data in the test's own directory
 * ({@code DIR/hub}), and a {@link HubClient} on it; stopped after the test. Use it as
 *
 * <pre>
 *   &#64;TempDir Path dir;
 *   &#64;RegisterExtension final LocalHub local = new LocalHub(() -&gt; dir);
 *   …
 *   FleetJoin.join(local.hub(), dir.resolve("kiosk-1"), STATION, KIOSK);
 *   assertThat(local.client().totalMinutes("V-1")).isEqualTo(60);
 * </pre>
 *
 * The supplier is read when each test starts, after JUnit has made the test's directory.
 */
public final class LocalHub implements BeforeEachCallback, AfterEachCallback {
  private final Supplier<Path> testDir;
  private Hub hub;
  private HubClient client;

  public LocalHub(Supplier<Path> testDir) {
    this.testDir = testDir;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (hub != null) {
      hub.close();
    }
  }

  /** The running hub. */
  public Hub hub() {
    return hub;
  }

  /** The hub's REST API and database, read as an operator would. */
  public HubClient client() {
    return client;
  }

  /** Where the hub keeps its data: {@code DIR/hub}. */
  public Path dataDir() {
    return testDir.get().resolve("hub");
  }

  /** Starts the hub again on the same data, e.g. after the test stopped it with {@code hub().close()}. */
  public void start() {
    hub = Hub.start(HubConfig.local(dataDir()));
    client = new HubClient(hub, dataDir());
  }
}
