package io.sne.events.transform;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Adds the noise of a real sensor to a stream, to see a live pipeline under the corruptions of
 * {@code sne eval}'s robustness curves: background activity (every pixel fires events of random
 * polarity as a Poisson process at {@code backgroundHz}), hot pixels (a fixed random share of the
 * pixels fires at {@link #HOT_PIXEL_HZ}) and event drop (each input event is lost with probability
 * {@code dropProbability}).
 *
 * <p>Noise events are drawn as continuous-time Poisson processes from the stream's first event on
 * and merged in before each input event with an earlier timestamp (ties: input first). The output
 * therefore depends only on the events and the seed, never on how the input was cut into packets.
 * Noise after the stream's last event is not emitted. Jitter is not offered: it would reorder the
 * stream.
 */
public final class SensorNoise implements EventTransform {
  /** Rate of a hot pixel, as in the robustness curves. */
  public static final double HOT_PIXEL_HZ = 1000;

  private final int width;
  private final double dropProbability;
  private final int[] hotPixels;
  private final NoiseProcess background;
  private final NoiseProcess hot;
  private final SplittableRandom dropRandom;
  private boolean started;

  /**
   * @param backgroundHz background-activity rate per pixel (0 = none)
   * @param hotPixelFraction share of the pixels that are hot (0 = none)
   * @param dropProbability chance that an input event is lost (0 = none)
   */
  public SensorNoise(SensorGeometry geometry, double backgroundHz, double hotPixelFraction, double dropProbability, long seed) {
    if (!(backgroundHz >= 0) || !(hotPixelFraction >= 0 && hotPixelFraction <= 1) || !(dropProbability >= 0 && dropProbability <= 1)) {
      throw new IllegalArgumentException("need background rate >= 0 Hz, hot-pixel share and drop probability in [0, 1]; got "
          + backgroundHz + ", " + hotPixelFraction + ", " + dropProbability);
    }
    this.width = geometry.width();
    int pixels = geometry.width() * geometry.height();
    this.dropProbability = dropProbability;
    // SplittableRandom: the same numbers for the same seed, without java.util.Random's atomic
    // update per draw (noise draws two or three numbers per event; this doubled the rate).
    SplittableRandom setup = new SplittableRandom(seed);
    this.hotPixels = distinctPixels(setup, pixels, (int) Math.round(hotPixelFraction * pixels));
    this.background = new NoiseProcess(setup.split(), backgroundHz * pixels / 1e6, null, pixels);
    this.hot = new NoiseProcess(setup.split(), HOT_PIXEL_HZ * hotPixels.length / 1e6, hotPixels, pixels);
    this.dropRandom = setup.split();
  }

  /** The hot pixels' indices (y * width + x), in drawing order. */
  public int[] hotPixels() {
    return hotPixels.clone();
  }

  @Override
  public void apply(EventBuffer in, EventBuffer out) {
    for (int i = 0; i < in.size(); i++) {
      long t = in.t(i);
      if (!started) {
        background.start(t);
        hot.start(t);
        started = true;
      }
      emitNoiseBefore(t, out);
      if (dropProbability > 0 && dropRandom.nextDouble() < dropProbability) {
        continue;
      }
      out.add(t, in.x(i), in.y(i), in.p(i));
    }
  }

  /** Noise events earlier than {@code t}, both processes merged in time order (ties: background first). */
  private void emitNoiseBefore(long t, EventBuffer out) {
    while (true) {
      NoiseProcess next = hot.nextUs() < background.nextUs() ? hot : background;
      if (next.nextUs() >= t) {
        return;
      }
      int pixel = next.pixel();
      out.add(next.nextUs(), pixel % width, pixel / width, next.polarity());
      next.advance();
    }
  }

  private static int[] distinctPixels(SplittableRandom random, int pixels, int count) {
    int[] all = new int[pixels];
    for (int i = 0; i < pixels; i++) {
      all[i] = i;
    }
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(pixels - i);
      int swap = all[i];
      all[i] = all[j];
      all[j] = swap;
    }
    return Arrays.copyOf(all, count);
  }

  /**
   * One Poisson process over the sensor: exponential gaps at {@code ratePerUs}, each arrival on a
   * uniformly drawn pixel (of {@code pixelSet}, when given) with a random polarity. Arrival times
   * are kept as doubles and emitted rounded down to the microsecond, so they stay ordered.
   */
  private static final class NoiseProcess {
    private final SplittableRandom random;
    private final double ratePerUs;
    private final int[] pixelSet;
    private final int pixels;
    private double arrivalUs = Double.POSITIVE_INFINITY;
    private long arrivalFloorUs = Long.MAX_VALUE;
    private int pixel;
    private int polarity;

    NoiseProcess(SplittableRandom random, double ratePerUs, int[] pixelSet, int pixels) {
      this.random = random;
      this.ratePerUs = ratePerUs;
      this.pixelSet = pixelSet;
      this.pixels = pixels;
    }

    void start(long originUs) {
      if (ratePerUs > 0) {
        arrivalUs = originUs;
        advance();
      }
    }

    long nextUs() {
      return arrivalFloorUs;
    }

    int pixel() {
      return pixel;
    }

    int polarity() {
      return polarity;
    }

    void advance() {
      arrivalUs += -Math.log(1 - random.nextDouble()) / ratePerUs;
      arrivalFloorUs = (long) Math.floor(arrivalUs);
      // One draw for pixel and polarity: the low bit is the polarity.
      int draw = random.nextInt(2 * (pixelSet == null ? pixels : pixelSet.length));
      pixel = pixelSet == null ? draw >> 1 : pixelSet[draw >> 1];
      polarity = draw & 1;
    }
  }
}
