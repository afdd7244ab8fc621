package org.redvest.terminal.kiosk;

import java.time.OffsetDateTime;
import org.redvest.protocol.EventKind;

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

  /** The camera stopped delivering frames, or came back ({@code problem} null). */
  void camera(String problem);
}
