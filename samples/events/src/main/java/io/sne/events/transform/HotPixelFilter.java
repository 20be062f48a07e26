package io.sne.events.transform;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;

/**
 * Hot-pixel filter (jAER HotPixelFilter, Tonic's identify_hot_pixel + drop_pixel): pixels that fire
 * faster than {@code maxRateHz} are dropped. The hot set is either given, or learned from the
 * first {@code learnUs} of the stream (those events pass unfiltered while it learns, as in jAER).
 */
public final class HotPixelFilter implements EventTransform {
  private final int width;
  private final boolean[] hot;
  private final int[] counts;
  private final double maxRateHz;
  private final long learnUs;
  private long learnStartUs = Long.MIN_VALUE;
  private boolean learned;

  /** Learns the hot pixels from the stream's first {@code learnUs}. */
  public HotPixelFilter(SensorGeometry geometry, double maxRateHz, long learnUs) {
    if (maxRateHz <= 0 || learnUs <= 0) {
      throw new IllegalArgumentException("maxRateHz and learnUs must be > 0");
    }
    this.width = geometry.width();
    this.hot = new boolean[geometry.width() * geometry.height()];
    this.counts = new int[hot.length];
    this.maxRateHz = maxRateHz;
    this.learnUs = learnUs;
  }

  /** Drops the given pixels, given as {x, y} pairs. */
  public static HotPixelFilter of(SensorGeometry geometry, int[][] pixels) {
    HotPixelFilter filter = new HotPixelFilter(geometry, 1, 1);
    for (int[] p : pixels) {
      filter.hot[p[1] * geometry.width() + p[0]] = true;
    }
    filter.learned = true;
    return filter;
  }

  public boolean isHot(int x, int y) {
    return hot[y * width + x];
  }

  @Override
  public void apply(EventBuffer in, EventBuffer out) {
    for (int i = 0; i < in.size(); i++) {
      long t = in.t(i);
      int pixel = in.y(i) * width + in.x(i);
      if (!learned) {
        if (learnStartUs == Long.MIN_VALUE) {
          learnStartUs = t;
        }
        if (t - learnStartUs < learnUs) {
          counts[pixel]++;
          out.add(t, in.x(i), in.y(i), in.p(i));
          continue;
        }
        finishLearning();
      }
      if (!hot[pixel]) {
        out.add(t, in.x(i), in.y(i), in.p(i));
      }
    }
  }

  private void finishLearning() {
    double maxCount = maxRateHz * learnUs / 1e6;
    for (int i = 0; i < counts.length; i++) {
      hot[i] = counts[i] > maxCount;
    }
    learned = true;
  }
}
