package org.redvest.terminal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.redvest.protocol.EventKind;
import org.redvest.terminal.kiosk.Screen;

/** A screen that keeps what it was told, for assertions. */
final class RecordingScreen implements Screen {
  final List<String> lines = new CopyOnWriteArrayList<>();
  final List<String> guidance = new CopyOnWriteArrayList<>();

  @Override
  public void guidance(String message) {
    guidance.add(message);
  }

  @Override
  public void recorded(EventKind kind, String name, OffsetDateTime at) {
    lines.add(kind + " " + name + " " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at));
  }

  @Override
  public void alreadyRecorded(EventKind lastKind, String name, OffsetDateTime lastAt) {
    lines.add("ALREADY " + lastKind + " " + name);
  }

  @Override
  public void refused(String reason) {
    lines.add("REFUSED " + reason);
  }

  @Override
  public void camera(String problem) {
    if (problem != null) {
      lines.add("CAMERA " + problem);
    }
  }

  List<String> recorded() {
    return lines.stream().filter(l -> l.startsWith("CHECK_")).toList();
  }
}
