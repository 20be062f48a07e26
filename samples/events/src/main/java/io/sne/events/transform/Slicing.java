package io.sne.events.transform;

import io.sne.events.EventBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a recording into windows (Tonic SliceByTime / SliceByEventCount), for frames or per-window
 * inference. Windows may overlap; the last, shorter window is kept only if asked.
 */
public final class Slicing {
  private Slicing() {}

  /**
   * Windows [start + k * (windowUs - overlapUs), + windowUs) from the first event's time; a window
   * is complete when the recording reaches its end.
   */
  public static List<EventBuffer> byTime(EventBuffer events, long windowUs, long overlapUs, boolean includeIncomplete) {
    if (windowUs <= 0 || overlapUs < 0 || overlapUs >= windowUs) {
      throw new IllegalArgumentException("need windowUs > 0 and 0 <= overlapUs < windowUs");
    }
    List<EventBuffer> windows = new ArrayList<>();
    if (events.isEmpty()) {
      return windows;
    }
    long strideUs = windowUs - overlapUs;
    long first = events.t(0);
    long last = events.t(events.size() - 1);
    int from = 0;
    for (long start = first; start <= last; start += strideUs) {
      long end = start + windowUs;
      boolean complete = end <= last + 1;
      if (!complete && !includeIncomplete) {
        break;
      }
      while (from < events.size() && events.t(from) < start) {
        from++;
      }
      int to = from;
      while (to < events.size() && events.t(to) < end) {
        to++;
      }
      windows.add(events.slice(from, to));
    }
    return windows;
  }

  /** Windows of {@code count} events, each starting {@code count - overlap} after the previous. */
  public static List<EventBuffer> byEventCount(EventBuffer events, int count, int overlap, boolean includeIncomplete) {
    if (count <= 0 || overlap < 0 || overlap >= count) {
      throw new IllegalArgumentException("need count > 0 and 0 <= overlap < count");
    }
    List<EventBuffer> windows = new ArrayList<>();
    int stride = count - overlap;
    for (int from = 0; from < events.size(); from += stride) {
      int to = from + count;
      if (to > events.size()) {
        if (includeIncomplete) {
          windows.add(events.slice(from, events.size()));
        }
        break;
      }
      windows.add(events.slice(from, to));
    }
    return windows;
  }
}
