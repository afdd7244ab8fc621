package org.redvest.terminal.kiosk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line-oriented QR scanner: a keyboard-wedge (HID) scanner typing into the terminal's standard
 * input, or a serial scanner whose device node yields one code per line. Each line goes to the
 * kiosk as a scanned code, on one named daemon thread owned here.
 */
public final class LineInput implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LineInput.class);

  private final BufferedReader reader;
  private final Thread thread;

  private LineInput(InputStream in, String name, Kiosk kiosk) {
    this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.thread = new Thread(() -> readLines(kiosk, name), "redvest-scanner");
    this.thread.setDaemon(true);
  }

  /**
   * Starts reading {@code device}: a path, or {@code -} for standard input. A serial device must
   * already be configured for its line speed (e.g. {@code stty -F /dev/ttyACM0 9600 raw}).
   */
  public static LineInput start(String device, Kiosk kiosk) {
    InputStream in;
    try {
      in = device.equals("-") ? System.in : Files.newInputStream(Path.of(device));
    } catch (IOException e) {
      throw new UncheckedIOException("QR scanner " + device + " cannot be opened", e);
    }
    LineInput input = new LineInput(in, device, kiosk);
    input.thread.start();
    return input;
  }

  private void readLines(Kiosk kiosk, String name) {
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        kiosk.onScannerLine(line);
      }
      LOG.info("QR scanner {} closed", name);
    } catch (IOException e) {
      LOG.warn("QR scanner {} failed: {}", name, e.getMessage());
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
