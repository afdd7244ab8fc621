package org.redvest.terminal.kiosk;

import java.time.OffsetDateTime;
import org.redvest.protocol.EventKind;
import org.redvest.terminal.attendance.Decision;
import org.redvest.terminal.capture.Frame;

/** What the volunteer and the station manager see; the kiosk's only output port. */
public interface Screen {

  /** An event was committed: "签到成功 张三 08:59". */
  void recorded(EventKind kind, String name, OffsetDateTime at);

  /** The volunteer was just recorded; nothing new was written. */
  void alreadyRecorded(EventKind lastKind, String name, OffsetDateTime lastAt);

  /** A code was read but refused, with the reason the volunteer should hear. */
  void refused(String reason);

  /**
   * Face guidance: come closer, hold still, face the light, or the current step of a liveness
   * challenge. Screens without a face path ignore it.
   */
  default void guidance(String message) {}

  /**
   * Every decision about a recognised volunteer, before the calls above that describe it: the
   * web screen needs the volunteer id (today's hours) and handles {@link Decision.Forgotten},
   * which no other call reports. {@code decision} is never null.
   */
  default void decided(Decision decision, String name) {}

  /**
   * The frame the kiosk is about to look at, from the capture thread: keep a reference at most
   * (the arrays are shared and must not be written), never work on that thread.
   */
  default void preview(Frame frame) {}

  /** The camera stopped delivering frames, or came back ({@code problem} null). */
  void camera(String problem);
}
