package org.redvest.terminal.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which process relays an outbox to the hub: whoever holds this lock on {@value #FILE_NAME} in
 * the data dir. Two relays of one terminal would log in with the same MQTT client id and take the
 * session from each other in turn, so the {@code publish} command relays only when no kiosk holds
 * it, and otherwise leaves delivery to the kiosk. The operating system releases the lock when the
 * process dies, so a crashed kiosk leaves nothing to clean up.
 */
public final class DeliveryLock implements AutoCloseable {
  public static final String FILE_NAME = "relay.lock";

  /**
   * Lock files this JVM holds. Asked again, the JVM would throw; worse, on Linux closing any
   * channel of the file releases the process's lock, so a second try must not even open it.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DeliveryLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock for {@code dataDir}, or empty when another process (or this one) holds it. */
  public static Optional<DeliveryLock> tryAcquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
    if (!HELD.add(file)) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return Optional.of(new DeliveryLock(file, channel, lock));
      }
    } catch (IOException e) {
      closeQuietly(channel);
      HELD.remove(file);
      throw new UncheckedIOException("cannot lock " + file, e);
    }
    closeQuietly(channel);
    HELD.remove(file);
    return Optional.empty();
  }

  /** Releases the lock; later calls do nothing. */
  @Override
  public synchronized void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + file, e);
    } finally {
      HELD.remove(file);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was locked through it
    }
  }
}
