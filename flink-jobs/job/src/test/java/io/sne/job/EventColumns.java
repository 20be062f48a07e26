package io.sne.job;

import io.sne.job.input.StreamPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One stream's events as columns, generated with a seed, and cut into packets in different ways:
 * the same events, packetised differently, must classify identically.
 */
public record EventColumns(long[] t, int[] x, int[] y, byte[] p, int[] labels) {

  /**
   * {@code windows} windows of {@code windowUs}; window w holds {@code perWindow} events (some windows
   * are left empty when {@code skipEvery} > 0) and ground truth {@code w % 5}.
   */
  public static EventColumns random(long seed, int windows, long windowUs, int perWindow, int sensor, int skipEvery) {
    SplittableRandom r = new SplittableRandom(seed);
    List<long[]> rows = new ArrayList<>();
    for (int w = 0; w < windows; w++) {
      if (skipEvery > 0 && w % skipEvery == skipEvery - 1) {
        continue;
      }
      // A moving blob plus noise, so students see structure as well as randomness.
      int cx = r.nextInt(sensor);
      int cy = r.nextInt(sensor);
      for (int e = 0; e < perWindow; e++) {
        long t = w * windowUs + r.nextLong(windowUs);
        boolean noise = r.nextInt(4) == 0;
        int x = noise ? r.nextInt(sensor) : Math.floorMod(cx + r.nextInt(7) - 3, sensor);
        int y = noise ? r.nextInt(sensor) : Math.floorMod(cy + r.nextInt(7) - 3, sensor);
        rows.add(new long[] {t, x, y, r.nextInt(2), w % 5});
      }
    }
    rows.sort((a, b) -> Long.compare(a[0], b[0]));
    int n = rows.size();
    EventColumns c = new EventColumns(new long[n], new int[n], new int[n], new byte[n], new int[n]);
    for (int i = 0; i < n; i++) {
      long[] row = rows.get(i);
      c.t[i] = row[0];
      c.x[i] = (int) row[1];
      c.y[i] = (int) row[2];
      c.p[i] = (byte) row[3];
      c.labels[i] = (int) row[4];
    }
    return c;
  }

  public int size() {
    return t.length;
  }

  /** Packets spanning {@code packetUs} of stream time each (empty spans give no packet); the last one ends the stream. */
  public List<StreamPacket> packets(String streamId, long packetUs, boolean endOfStream) {
    return packets(streamId, packetUs, endOfStream, false);
  }

  /**
   * As {@link #packets(String, long, boolean)}; with {@code promise} each packet carries the slice
   * end a producer would promise: its span's end, or the time of the event that cut it early.
   */
  public List<StreamPacket> packets(String streamId, long packetUs, boolean endOfStream, boolean promise) {
    List<StreamPacket> out = new ArrayList<>();
    int from = 0;
    while (from < size()) {
      long spanEnd = (Math.floorDiv(t[from], packetUs) + 1) * packetUs;
      int to = from;
      while (to < size() && t[to] < spanEnd && labels[to] == labels[from]) {
        to++;
      }
      StreamPacket packet = packet(streamId, out.size(), from, to);
      if (promise) {
        packet.sliceEndUs = to < size() ? Math.min(spanEnd, t[to]) : spanEnd;
      }
      out.add(packet);
      from = to;
    }
    if (endOfStream && !out.isEmpty()) {
      out.get(out.size() - 1).endOfStream = true;
    }
    return out;
  }

  private StreamPacket packet(String streamId, long sequence, int from, int to) {
    StreamPacket s = new StreamPacket();
    s.streamId = streamId;
    s.sequence = sequence;
    s.width = TestModels.SENSOR;
    s.height = TestModels.SENSOR;
    s.timestampsUs = Arrays.copyOfRange(t, from, to);
    s.xs = Arrays.copyOfRange(x, from, to);
    s.ys = Arrays.copyOfRange(y, from, to);
    s.polarities = Arrays.copyOfRange(p, from, to);
    s.clock = "SENSOR";
    s.label = labels[from];
    s.source = "test";
    s.kafkaTopic = "test";
    return s;
  }

  /** The events of window {@code w} as the runtime's batch API takes them. */
  public io.sne.runtime.encode.EventWindow window(long w, long windowUs) {
    long start = w * windowUs;
    int from = 0;
    while (from < size() && t[from] < start) {
      from++;
    }
    int to = from;
    while (to < size() && t[to] < start + windowUs) {
      to++;
    }
    return new io.sne.runtime.encode.EventWindow(Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(x, from, to),
        Arrays.copyOfRange(y, from, to), Arrays.copyOfRange(p, from, to), to - from, start);
  }

  /** Indices of the windows holding at least one event, ascending. */
  public List<Long> nonEmptyWindows(long windowUs) {
    List<Long> w = new ArrayList<>();
    for (long ts : t) {
      long idx = Math.floorDiv(ts, windowUs);
      if (w.isEmpty() || w.get(w.size() - 1) != idx) {
        w.add(idx);
      }
    }
    return w;
  }
}
