package io.sne.train;

import io.sne.runtime.encode.EventWindow;
import java.util.Arrays;
import java.util.Random;

/**
 * Corruptions for the robustness curves. Events: background activity (Poisson events of random
 * polarity at rate Hz per pixel), hot pixels (a fraction of pixels firing at 1 kHz), event drop
 * (each event removed with probability p), time jitter (Gaussian, sigma in microseconds). Images:
 * Gaussian noise (sigma), salt-and-pepper (fraction of pixels), occlusion (a random square, side
 * as a fraction of the image). All seeded per sample.
 */
public final class Noise {
  private Noise() {}

  public static EventWindow events(String kind, double level, EventWindow w, int width, int height, long durationUs, long seed) {
    Random rng = new Random(seed);
    return switch (kind) {
      case "background" -> add(w, poisson(rng, level * width * height * durationUs / 1e6), width, height, durationUs, rng, null);
      case "hot-pixels" -> hot(w, level, width, height, durationUs, rng);
      case "drop" -> drop(w, level, rng);
      case "jitter" -> jitter(w, level, durationUs, rng);
      default -> throw new IllegalArgumentException("unknown event noise " + kind);
    };
  }

  public static float[] image(String kind, double level, float[] img, int width, int height, long seed) {
    Random rng = new Random(seed);
    float[] out = img.clone();
    switch (kind) {
      case "gaussian" -> {
        for (int i = 0; i < out.length; i++) out[i] = clamp(out[i] + (float) (rng.nextGaussian() * level));
      }
      case "salt-pepper" -> {
        for (int i = 0; i < out.length; i++) if (rng.nextDouble() < level) out[i] = rng.nextBoolean() ? 1f : 0f;
      }
      case "occlusion" -> {
        int side = (int) Math.round(level * Math.min(width, height));
        if (side > 0) {
          int x0 = rng.nextInt(width - side + 1);
          int y0 = rng.nextInt(height - side + 1);
          int planes = out.length / (width * height);
          for (int c = 0; c < planes; c++) for (int y = y0; y < y0 + side; y++) for (int x = x0; x < x0 + side; x++) out[(c * height + y) * width + x] = 0f;
        }
      }
      default -> throw new IllegalArgumentException("unknown image noise " + kind);
    }
    return out;
  }

  private static float clamp(float v) {
    return Math.max(0f, Math.min(1f, v));
  }

  /** A Poisson draw (normal approximation above a mean of 50); also used by EventFrameNoise. */
  static int poisson(Random rng, double mean) {
    if (mean > 50) return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= rng.nextDouble();
    } while (p > l);
    return k - 1;
  }

  /** Adds n uniformly placed noise events (or, with pixels given, n events on those pixels), then re-sorts by time. */
  private static EventWindow add(EventWindow w, int n, int width, int height, long durationUs, Random rng, int[] pixels) {
    int total = w.n() + n;
    long[] t = Arrays.copyOf(w.tUs(), total);
    int[] x = Arrays.copyOf(w.x(), total);
    int[] y = Arrays.copyOf(w.y(), total);
    byte[] p = Arrays.copyOf(w.p(), total);
    for (int i = w.n(); i < total; i++) {
      int pix = pixels == null ? rng.nextInt(width * height) : pixels[rng.nextInt(pixels.length)];
      t[i] = w.windowStartUs() + (long) (rng.nextDouble() * durationUs);
      x[i] = pix % width;
      y[i] = pix / width;
      p[i] = (byte) (rng.nextBoolean() ? 1 : 0);
    }
    return sorted(t, x, y, p, total, w.windowStartUs());
  }

  private static EventWindow hot(EventWindow w, double fraction, int width, int height, long durationUs, Random rng) {
    int count = (int) Math.round(fraction * width * height);
    if (count == 0) return w;
    int[] pixels = new int[count];
    for (int i = 0; i < count; i++) pixels[i] = rng.nextInt(width * height);
    // 1 kHz per hot pixel
    return add(w, (int) Math.round(count * 1000.0 * durationUs / 1e6), width, height, durationUs, rng, pixels);
  }

  private static EventWindow drop(EventWindow w, double p, Random rng) {
    long[] t = new long[w.n()];
    int[] x = new int[w.n()];
    int[] y = new int[w.n()];
    byte[] q = new byte[w.n()];
    int k = 0;
    for (int i = 0; i < w.n(); i++) {
      if (rng.nextDouble() < p) continue;
      t[k] = w.tUs()[i];
      x[k] = w.x()[i];
      y[k] = w.y()[i];
      q[k] = w.p()[i];
      k++;
    }
    return new EventWindow(t, x, y, q, k, w.windowStartUs());
  }

  private static EventWindow jitter(EventWindow w, double sigmaUs, long durationUs, Random rng) {
    long[] t = Arrays.copyOf(w.tUs(), w.n());
    for (int i = 0; i < t.length; i++) {
      long v = t[i] + Math.round(rng.nextGaussian() * sigmaUs);
      t[i] = Math.max(w.windowStartUs(), Math.min(w.windowStartUs() + durationUs - 1, v));
    }
    return sorted(t, Arrays.copyOf(w.x(), w.n()), Arrays.copyOf(w.y(), w.n()), Arrays.copyOf(w.p(), w.n()), w.n(), w.windowStartUs());
  }

  private static EventWindow sorted(long[] t, int[] x, int[] y, byte[] p, int n, long start) {
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> Long.compare(t[a], t[b]));
    long[] t2 = new long[n];
    int[] x2 = new int[n];
    int[] y2 = new int[n];
    byte[] p2 = new byte[n];
    for (int i = 0; i < n; i++) {
      t2[i] = t[idx[i]];
      x2[i] = x[idx[i]];
      y2[i] = y[idx[i]];
      p2[i] = p[idx[i]];
    }
    return new EventWindow(t2, x2, y2, p2, n, start);
  }
}
