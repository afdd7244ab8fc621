package org.redvest.terminal.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redvest.protocol.VolunteerBadge;
import org.redvest.protocol.VolunteerId;

/**
 * Who holds up which badge when, in whole seconds of video, so that every appearance starts on a
 * frame boundary with the code sharp from that first frame: that frame is the one that stamps the
 * event.
 *
 * <p>Timing follows the terminal's replay settings: media time × {@link #REPLAY_SPEED} (one second
 * of video is one minute at the station) and a debounce of about {@link #DEBOUNCE_S} seconds of
 * video (three station minutes). An appearance lasts at most {@link #MAX_VISIBLE_S} seconds, so it
 * gives exactly one event, and a volunteer's next appearance comes more than the debounce after
 * the previous one ends, so it gives the next one. Appearances never overlap.
 *
 * @param appearances in order of start
 */
public record DemoScript(List<Appearance> appearances) {
  /** Station seconds per second of video (the {@code replay-video} profile's replaySpeed). */
  public static final double REPLAY_SPEED = 60;
  /** The check-in debounce, in seconds of video (three station minutes at speed 60). */
  public static final int DEBOUNCE_S = 3;
  /** The longest a badge is shown, in seconds of video: shorter than the debounce. */
  public static final int MAX_VISIBLE_S = 2;
  /** Seconds of empty picture after the last appearance. */
  public static final int TAIL_S = 3;

  public DemoScript {
    if (appearances == null || appearances.isEmpty()) {
      throw new IllegalArgumentException("appearances must not be empty");
    }
    appearances = appearances.stream().sorted(Comparator.comparingInt(Appearance::startSecond)).toList();
    for (int i = 1; i < appearances.size(); i++) {
      Appearance before = appearances.get(i - 1);
      Appearance after = appearances.get(i);
      if (after.startSecond() <= before.endSecond()) {
        throw new IllegalArgumentException("appearances must leave at least one second between them: "
            + after + " starts before " + before + " has ended");
      }
    }
    checkDebounce(appearances);
  }

  /** One badge held up to the camera. */
  public record Appearance(VolunteerBadge badge, int startSecond, int durationSeconds) {
    public Appearance {
      if (badge == null) {
        throw new IllegalArgumentException("badge is required");
      }
      if (startSecond < 0) {
        throw new IllegalArgumentException("startSecond must not be negative, was " + startSecond);
      }
      if (durationSeconds < 1 || durationSeconds > MAX_VISIBLE_S) {
        throw new IllegalArgumentException(
            "durationSeconds must be 1 to " + MAX_VISIBLE_S + ", was " + durationSeconds);
      }
    }

    public static Appearance of(String volunteerId, String displayName, int startSecond, int durationSeconds) {
      return new Appearance(new VolunteerBadge(VolunteerId.of(volunteerId), displayName), startSecond,
          durationSeconds);
    }

    /** The first second after the badge is gone. */
    public int endSecond() {
      return startSecond + durationSeconds;
    }

    /** Whether the badge is visible in frame {@code index} of a video at {@code fps}. */
    public boolean shownIn(long index, int fps) {
      return index >= (long) startSecond * fps && index < (long) endSecond() * fps;
    }
  }

  /**
   * Three volunteers with Chinese names; each checks in, and later out: 张三 for 30 station
   * minutes, 李四 for 45 and 王五 for 60. The video lasts 75 seconds.
   */
  public static DemoScript defaultScript() {
    return new DemoScript(List.of(
        Appearance.of("V-360781-000101", "张三", 2, 2),
        Appearance.of("V-360781-000102", "李四", 6, 2),
        Appearance.of("V-360781-000103", "王五", 10, 2),
        Appearance.of("V-360781-000101", "张三", 32, 2),
        Appearance.of("V-360781-000102", "李四", 51, 2),
        Appearance.of("V-360781-000103", "王五", 70, 2)));
  }

  /** Length of the video in seconds: the last appearance, then {@link #TAIL_S} of empty picture. */
  public int lengthSeconds() {
    return appearances.get(appearances.size() - 1).endSecond() + TAIL_S;
  }

  /** The appearance visible in frame {@code index} of a video at {@code fps}, if any. */
  public Optional<Appearance> shownIn(long index, int fps) {
    return appearances.stream().filter(a -> a.shownIn(index, fps)).findFirst();
  }

  /** Whether this appearance is a check-in (the volunteer's 1st, 3rd, ... appearance). */
  public boolean isCheckIn(Appearance appearance) {
    long earlier = appearances.stream()
        .filter(a -> a.badge().volunteerId().equals(appearance.badge().volunteerId()))
        .filter(a -> a.startSecond() < appearance.startSecond())
        .count();
    return earlier % 2 == 0;
  }

  /**
   * Station minutes each volunteer should be credited, in order of first appearance: from the
   * start of each check-in appearance to the start of the check-out appearance after it, at
   * {@link #REPLAY_SPEED}. A last check-in without a check-out adds nothing.
   */
  public Map<VolunteerId, Long> expectedMinutes() {
    Map<VolunteerId, List<Integer>> starts = new LinkedHashMap<>();
    for (Appearance a : appearances) {
      starts.computeIfAbsent(a.badge().volunteerId(), id -> new ArrayList<>()).add(a.startSecond());
    }
    Map<VolunteerId, Long> minutes = new LinkedHashMap<>();
    starts.forEach((id, s) -> {
      double stationSeconds = 0;
      for (int i = 0; i + 1 < s.size(); i += 2) {
        stationSeconds += (s.get(i + 1) - s.get(i)) * REPLAY_SPEED;
      }
      minutes.put(id, Math.round(stationSeconds / 60));
    });
    return minutes;
  }

  private static void checkDebounce(List<Appearance> appearances) {
    Map<VolunteerId, Appearance> last = new LinkedHashMap<>();
    for (Appearance a : appearances) {
      Appearance previous = last.put(a.badge().volunteerId(), a);
      if (previous != null && a.startSecond() - previous.endSecond() <= DEBOUNCE_S) {
        throw new IllegalArgumentException(a + " comes within the " + DEBOUNCE_S
            + " s debounce after " + previous + ", so it would not count");
      }
    }
  }
}
