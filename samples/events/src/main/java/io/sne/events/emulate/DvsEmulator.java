package io.sne.events.emulate;

import io.sne.events.EventBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns a still image into the events a DVS would see while the image moves in N-MNIST-style
 * saccades in front of it. Every pixel compares its log intensity with the level memorised at its
 * last event and fires one event per threshold crossed (ON for brighter, OFF for darker), with:
 *
 * <ul>
 *   <li>per-pixel threshold mismatch: each pixel's thresholds are drawn once per sample from a
 *       normal distribution around the mean (relative sigma);
 *   <li>a refractory period: a crossing within {@code refractoryUs} of the pixel's last event is
 *       dropped (its memorised level still moves, as the pixel resets, so no burst follows);
 *   <li>optional background activity: Poisson noise events of random polarity.
 * </ul>
 *
 * <p>The image is sampled bilinearly at sub-pixel offsets (linear intensity, as optics blur), so
 * slow motion yields gradual intensity ramps; event times are interpolated linearly inside each
 * simulation step. Output is sorted by time and fully determined by (image, config, seed).
 * Instances are immutable and thread-safe.
 */
public final class DvsEmulator {
  private static final int LOG_TABLE_SIZE = 4096;
  private static final double MIN_THRESHOLD = 0.01;
  /**
   * Tolerance on threshold comparisons: a pixel that returns exactly to a level it left (white ->
   * black -> white) must fire as many ON as OFF events, whatever the last bit of the sums.
   */
  private static final double ROUNDING = 1e-9;

  private final EmulatorConfig config;
  private final SaccadePath path;
  /** ln(epsilon + i / (LOG_TABLE_SIZE - 1)) for i in [0, LOG_TABLE_SIZE]: cheap log of [0,1]. */
  private final double[] logTable = new double[LOG_TABLE_SIZE + 1];

  public DvsEmulator(EmulatorConfig config) {
    this.config = config;
    this.path = new SaccadePath(config.saccadeAmplitudePx(), config.saccadeDurationUs());
    for (int i = 0; i <= LOG_TABLE_SIZE; i++) {
      logTable[i] = Math.log(config.logEpsilon() + Math.min(1.0, (double) i / (LOG_TABLE_SIZE - 1)));
    }
  }

  public EmulatorConfig config() {
    return config;
  }

  /**
   * Emulates one sample.
   *
   * @param image row-major intensities in [0, 1] (0 = black), {@code width * height} values
   * @param seed seeds the threshold mismatch and the noise; same seed, same events
   * @return events in time order, timestamps in [1, durationUs] µs, on the configured sensor
   */
  public EventBuffer emulate(float[] image, int width, int height, long seed) {
    if (image.length != width * height) {
      throw new IllegalArgumentException("image has " + image.length + " values, expected " + width + "x" + height);
    }
    int sensorW = config.sensor().width();
    int sensorH = config.sensor().height();
    int pixels = sensorW * sensorH;
    SplittableRandom random = new SplittableRandom(seed);
    double[] thresholdOn = mismatched(config.thresholdOn(), config.thresholdSigma(), pixels, random);
    double[] thresholdOff = mismatched(config.thresholdOff(), config.thresholdSigma(), pixels, random);

    double restX = (sensorW - width) / 2.0;
    double restY = (sensorH - height) / 2.0;
    double[] previous = new double[pixels];
    double[] current = new double[pixels];
    int pad = (int) Math.ceil(Math.abs(restX) + Math.abs(restY) + config.saccadeAmplitudePx()) + 3;
    PaddedImage padded = PaddedImage.of(image, width, height, pad);
    render(padded, restX + path.x(0), restY + path.y(0), previous);
    double[] memorised = previous.clone();
    long[] lastEventUs = new long[pixels];
    Arrays.fill(lastEventUs, Long.MIN_VALUE / 2);

    EventBuffer events = new EventBuffer(8192);
    StepEvents step = new StepEvents();
    double noisePerUs = config.backgroundRateHz() * pixels / 1e6;
    double nextNoiseUs = noisePerUs > 0 ? exponential(random, noisePerUs) : Double.MAX_VALUE;
    long durationUs = config.durationUs();
    long refractoryUs = config.refractoryUs();

    for (long t0 = 0; t0 < durationUs; t0 += config.stepUs()) {
      long t1 = Math.min(t0 + config.stepUs(), durationUs);
      long dt = t1 - t0;
      render(padded, restX + path.x(t1), restY + path.y(t1), current);
      step.clear(t0);
      for (int i = 0; i < pixels; i++) {
        double now = current[i];
        double before = previous[i];
        // One event per threshold crossed, timed where the linear ramp before -> now crosses it.
        if (now - memorised[i] >= thresholdOn[i] - ROUNDING) {
          while (now - memorised[i] >= thresholdOn[i] - ROUNDING) {
            memorised[i] += thresholdOn[i];
            fire(step, crossingTime(t0, dt, before, now, memorised[i]), i, sensorW, 1, lastEventUs, refractoryUs);
          }
        } else if (memorised[i] - now >= thresholdOff[i] - ROUNDING) {
          while (memorised[i] - now >= thresholdOff[i] - ROUNDING) {
            memorised[i] -= thresholdOff[i];
            fire(step, crossingTime(t0, dt, before, now, memorised[i]), i, sensorW, 0, lastEventUs, refractoryUs);
          }
        }
      }
      while (nextNoiseUs <= t1) {
        long t = Math.max(t0 + 1, (long) Math.ceil(nextNoiseUs));
        fire(step, t, random.nextInt(pixels), sensorW, random.nextInt(2), lastEventUs, refractoryUs);
        nextNoiseUs += exponential(random, noisePerUs);
      }
      step.appendSortedTo(events);
      double[] swap = previous;
      previous = current;
      current = swap;
    }
    return events;
  }

  private static void fire(StepEvents step, long t, int pixel, int sensorW, int polarity, long[] lastEventUs,
      long refractoryUs) {
    if (t - lastEventUs[pixel] >= refractoryUs) {
      step.add(t, pixel % sensorW, pixel / sensorW, polarity);
      lastEventUs[pixel] = t;
    }
  }

  /** Time in (t0, t0 + dt] at which the intensity ramp from {@code before} to {@code now} reaches {@code level}. */
  private static long crossingTime(long t0, long dt, double before, double now, double level) {
    double fraction = (level - before) / (now - before);
    return t0 + Math.max(1, Math.min(dt, (long) Math.ceil(fraction * dt)));
  }

  private static double[] mismatched(double mean, double relativeSigma, int pixels, SplittableRandom random) {
    double[] thresholds = new double[pixels];
    for (int i = 0; i < pixels; i++) {
      thresholds[i] = Math.max(MIN_THRESHOLD, mean * (1 + relativeSigma * random.nextGaussian()));
    }
    return thresholds;
  }

  private static double exponential(SplittableRandom random, double ratePerUs) {
    return -Math.log(1 - random.nextDouble()) / ratePerUs;
  }

  /**
   * The image surrounded by a black border wide enough for every offset of the path, so sampling
   * needs no bounds checks.
   */
  private record PaddedImage(float[] values, int stride, int pad) {
    static PaddedImage of(float[] image, int width, int height, int pad) {
      int stride = width + 2 * pad;
      float[] values = new float[stride * (height + 2 * pad)];
      for (int v = 0; v < height; v++) {
        System.arraycopy(image, v * width, values, (v + pad) * stride + pad, width);
      }
      return new PaddedImage(values, stride, pad);
    }
  }

  /**
   * Log intensity of every sensor pixel with the image's top-left corner at (offsetX, offsetY).
   * The sub-pixel part of the offset is the same for all pixels, so the bilinear weights are too.
   */
  private void render(PaddedImage image, double offsetX, double offsetY, double[] out) {
    int sensorW = config.sensor().width();
    int sensorH = config.sensor().height();
    int shiftU = (int) Math.floor(-offsetX);
    int shiftV = (int) Math.floor(-offsetY);
    double fu = -offsetX - shiftU;
    double fv = -offsetY - shiftV;
    double w00 = (1 - fu) * (1 - fv);
    double w01 = fu * (1 - fv);
    double w10 = (1 - fu) * fv;
    double w11 = fu * fv;
    float[] values = image.values();
    int stride = image.stride();
    for (int sy = 0; sy < sensorH; sy++) {
      int row = (sy + shiftV + image.pad()) * stride + shiftU + image.pad();
      for (int sx = 0; sx < sensorW; sx++) {
        int k = row + sx;
        double intensity = w00 * values[k] + w01 * values[k + 1] + w10 * values[k + stride] + w11 * values[k + stride + 1];
        out[sy * sensorW + sx] = log(intensity);
      }
    }
  }

  private double log(double intensity) {
    double scaled = Math.max(0, Math.min(1, intensity)) * (LOG_TABLE_SIZE - 1);
    int i = (int) scaled;
    double f = scaled - i;
    return logTable[i] + f * (logTable[i + 1] - logTable[i]);
  }

  /** Events of one simulation step, sorted by time (then pixel order) before they are appended. */
  private static final class StepEvents {
    private long startUs;
    private long[] keys = new long[256];
    private int[] xs = new int[256];
    private int[] ys = new int[256];
    private byte[] ps = new byte[256];
    private int size;

    void clear(long stepStartUs) {
      startUs = stepStartUs;
      size = 0;
    }

    void add(long t, int x, int y, int p) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        xs = Arrays.copyOf(xs, size * 2);
        ys = Arrays.copyOf(ys, size * 2);
        ps = Arrays.copyOf(ps, size * 2);
      }
      keys[size] = ((t - startUs) << 24) | size;
      xs[size] = x;
      ys[size] = y;
      ps[size] = (byte) p;
      size++;
    }

    void appendSortedTo(EventBuffer out) {
      Arrays.sort(keys, 0, size);
      for (int k = 0; k < size; k++) {
        int i = (int) (keys[k] & 0xFFFFFF);
        out.add(startUs + (keys[k] >>> 24), xs[i], ys[i], ps[i]);
      }
    }
  }
}
