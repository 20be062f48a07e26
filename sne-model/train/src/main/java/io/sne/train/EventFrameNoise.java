package io.sne.train;

import java.util.Random;

/**
 * Sensor noise added to event frames [T][2][H][W] for training: background activity, hot pixels
 * and event drop, the corruptions of the robustness curves ({@link Noise#events}) drawn in the same
 * way but on the binned frames, so the cached frames of a recording need not be re-encoded each
 * epoch. Background and hot-pixel events land on a uniform pixel (or one of the hot pixels), a
 * uniform step and a random polarity: exactly the frames {@link Noise#events} followed by the
 * runtime's encoder give when the sensor is the input's size (fmnist-events). Levels are per input
 * pixel; on a downsampled sensor a level is per block of sensor pixels.
 *
 * <p>Each noisy sample gets one corruption, picked uniformly among those with a level above 0, at a
 * level uniform in [0, max]: robustness over the whole range rather than at one setting, and the
 * rest of the samples stay clean so the clean accuracy is still trained for.
 */
public record EventFrameNoise(double probability, double maxBackgroundHz, double maxHotPixels, double maxDrop) {
  public static final EventFrameNoise NONE = new EventFrameNoise(0, 0, 0, 0);

  /** Hot pixels fire at 1 kHz, as in the robustness curves. */
  static final double HOT_PIXEL_HZ = 1000;

  public EventFrameNoise {
    check("probability", probability, 1);
    check("maxBackgroundHz", maxBackgroundHz, Double.MAX_VALUE);
    check("maxHotPixels", maxHotPixels, 1);
    check("maxDrop", maxDrop, 1);
    if (probability > 0 && maxBackgroundHz == 0 && maxHotPixels == 0 && maxDrop == 0) {
      throw new IllegalArgumentException("student.eventNoise.probability is " + probability + " but every maximum level is 0: set maxBackgroundHz, maxHotPixels or maxDrop");
    }
  }

  private static void check(String name, double v, double max) {
    if (!(v >= 0 && v <= max)) throw new IllegalArgumentException("student.eventNoise." + name + " must be in [0, " + (max == Double.MAX_VALUE ? "inf" : max) + "], got " + v);
  }

  public boolean isNone() {
    return probability == 0;
  }

  /**
   * Corrupts n frames of one row each (rowSize = steps * 2 * h * w) in place. binary frames (1 if
   * any event) stay binary: a cell is 1 when it had or gained an event, and dropped cells lose it
   * with probability p (one event per set cell).
   */
  public void apply(float[] frames, int n, int steps, int h, int w, long dtUs, boolean binary, Random rng) {
    int plane = h * w;
    int rowSize = steps * 2 * plane;
    if (frames.length < n * rowSize) throw new IllegalArgumentException("frames hold " + frames.length + " values, " + n + " rows need " + n * rowSize);
    for (int r = 0; r < n; r++) {
      if (rng.nextDouble() >= probability) continue;
      Kind kind = pick(rng);
      double max = switch (kind) {
        case BACKGROUND -> maxBackgroundHz;
        case HOT_PIXELS -> maxHotPixels;
        case DROP -> maxDrop;
      };
      corrupt(frames, r * rowSize, steps, plane, dtUs, binary, kind, rng.nextDouble() * max, rng);
    }
  }

  enum Kind { BACKGROUND, HOT_PIXELS, DROP }

  /** One row's corruption at one level (Hz per pixel, fraction of pixels, or drop probability). */
  static void corrupt(float[] f, int base, int steps, int plane, long dtUs, boolean binary, Kind kind, double level, Random rng) {
    double windowS = steps * dtUs / 1e6;
    switch (kind) {
      case BACKGROUND -> scatter(f, base, steps, plane, Noise.poisson(rng, level * plane * windowS), null, binary, rng);
      case HOT_PIXELS -> {
        int count = (int) Math.round(level * plane);
        if (count == 0) return;
        int[] hot = new int[count];
        for (int i = 0; i < count; i++) hot[i] = rng.nextInt(plane);
        scatter(f, base, steps, plane, (int) Math.round(count * HOT_PIXEL_HZ * windowS), hot, binary, rng);
      }
      case DROP -> drop(f, base, steps * 2 * plane, level, rng);
    }
  }

  /** Uniformly among the kinds that are switched on. */
  private Kind pick(Random rng) {
    int on = (maxBackgroundHz > 0 ? 1 : 0) + (maxHotPixels > 0 ? 1 : 0) + (maxDrop > 0 ? 1 : 0);
    int k = rng.nextInt(on);
    if (maxBackgroundHz > 0 && k-- == 0) return Kind.BACKGROUND;
    if (maxHotPixels > 0 && k-- == 0) return Kind.HOT_PIXELS;
    return Kind.DROP;
  }

  private static void scatter(float[] f, int base, int steps, int plane, int events, int[] pixels, boolean binary, Random rng) {
    for (int i = 0; i < events; i++) {
      int pix = pixels == null ? rng.nextInt(plane) : pixels[rng.nextInt(pixels.length)];
      int cell = base + (rng.nextInt(steps) * 2 + (rng.nextBoolean() ? 1 : 0)) * plane + pix;
      f[cell] = binary ? 1f : f[cell] + 1f;
    }
  }

  /** Each event kept with probability 1 - p: a binomial draw per cell, one draw per event. */
  private static void drop(float[] f, int base, int rowSize, double p, Random rng) {
    for (int i = base; i < base + rowSize; i++) {
      int c = (int) f[i];
      int kept = 0;
      for (int e = 0; e < c; e++) if (rng.nextDouble() >= p) kept++;
      f[i] = kept;
    }
  }
}
