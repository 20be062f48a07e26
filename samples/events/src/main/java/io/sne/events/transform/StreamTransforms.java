package io.sne.events.transform;

import io.sne.events.SensorGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What {@code sne replay} and {@code sne demo} do to each stream before it is sent: sensor noise
 * first (as the camera would make it), then filters in the order given (as the processing after
 * the camera would apply them). Parsed from command-line specs; every stream gets its own chain,
 * with its own state and a noise seed derived from the stream id.
 *
 * <p>Noise specs: {@code background:HZ} (per pixel), {@code hot-pixels:FRACTION} (of the pixels,
 * at 1 kHz each), {@code drop:P}. Filter specs: {@code denoise[:US]}, {@code refractory[:US]},
 * {@code hot-pixel[:MAX_HZ[:LEARN_US]]}, {@code crop:LEFT,TOP,WIDTH,HEIGHT}, {@code downsample:F[,FY]},
 * {@code merge-polarities}.
 */
public final class StreamTransforms {
  public static final String NOISE_KINDS = "background:HZ, hot-pixels:FRACTION, drop:P";
  public static final String FILTER_KINDS =
      "denoise[:US], refractory[:US], hot-pixel[:MAX_HZ[:LEARN_US]], crop:LEFT,TOP,WIDTH,HEIGHT, downsample:F[,FY], merge-polarities";
  static final long DEFAULT_DENOISE_US = 10_000;
  static final long DEFAULT_REFRACTORY_US = 1_000;
  static final double DEFAULT_HOT_PIXEL_MAX_HZ = 300;
  static final long DEFAULT_HOT_PIXEL_LEARN_US = 1_000_000;

  public static final StreamTransforms NONE = new StreamTransforms(0, 0, 0, 0, List.of(), List.of());

  private final double backgroundHz;
  private final double hotPixelFraction;
  private final double dropProbability;
  private final long seed;
  private final List<Function<SensorGeometry, EventTransform>> filters;
  private final List<String> filterSpecs;

  private StreamTransforms(double backgroundHz, double hotPixelFraction, double dropProbability, long seed,
      List<Function<SensorGeometry, EventTransform>> filters, List<String> filterSpecs) {
    this.backgroundHz = backgroundHz;
    this.hotPixelFraction = hotPixelFraction;
    this.dropProbability = dropProbability;
    this.seed = seed;
    this.filters = List.copyOf(filters);
    this.filterSpecs = List.copyOf(filterSpecs);
  }

  /**
   * @throws IllegalArgumentException naming the bad spec and listing the valid ones
   */
  public static StreamTransforms parse(List<String> noiseSpecs, List<String> filterSpecs, long seed) {
    double background = 0;
    double hot = 0;
    double drop = 0;
    for (String spec : noiseSpecs) {
      String[] parts = spec.trim().split(":", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("noise '" + spec + "': expected KIND:LEVEL, one of " + NOISE_KINDS);
      }
      double level = number(parts[1], "noise '" + spec + "'");
      switch (parts[0].toLowerCase(Locale.ROOT)) {
        case "background" -> background = atLeastZero(level, spec);
        case "hot-pixels" -> hot = share(level, spec);
        case "drop" -> drop = share(level, spec);
        default -> throw new IllegalArgumentException("unknown noise '" + parts[0] + "' in '" + spec + "'; one of " + NOISE_KINDS);
      }
    }
    List<Function<SensorGeometry, EventTransform>> filters = new ArrayList<>();
    for (String spec : filterSpecs) {
      Function<SensorGeometry, EventTransform> filter = filter(spec.trim());
      filter.apply(new SensorGeometry(64, 64)); // the constructors' own range checks, now rather than per stream
      filters.add(filter);
    }
    return new StreamTransforms(background, hot, drop, seed, filters, filterSpecs);
  }

  private static Function<SensorGeometry, EventTransform> filter(String spec) {
    int colon = spec.indexOf(':');
    String name = (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
    String[] args = colon < 0 ? new String[0] : spec.substring(colon + 1).split("[:,]", -1);
    String where = "filter '" + spec + "'";
    return switch (name) {
      case "denoise" -> {
        long us = args.length > 0 ? whole(args[0], where) : DEFAULT_DENOISE_US;
        expectArgs(args, 0, 1, where);
        yield g -> new BackgroundActivityFilter(g, us);
      }
      case "refractory" -> {
        long us = args.length > 0 ? whole(args[0], where) : DEFAULT_REFRACTORY_US;
        expectArgs(args, 0, 1, where);
        yield g -> new RefractoryFilter(g, us);
      }
      case "hot-pixel" -> {
        expectArgs(args, 0, 2, where);
        double maxHz = args.length > 0 ? number(args[0], where) : DEFAULT_HOT_PIXEL_MAX_HZ;
        long learnUs = args.length > 1 ? whole(args[1], where) : DEFAULT_HOT_PIXEL_LEARN_US;
        yield g -> new HotPixelFilter(g, maxHz, learnUs);
      }
      case "crop" -> {
        expectArgs(args, 4, 4, where);
        int left = (int) whole(args[0], where);
        int top = (int) whole(args[1], where);
        int width = (int) whole(args[2], where);
        int height = (int) whole(args[3], where);
        yield g -> new Crop(left, top, width, height);
      }
      case "downsample" -> {
        expectArgs(args, 1, 2, where);
        int fx = (int) whole(args[0], where);
        int fy = args.length > 1 ? (int) whole(args[1], where) : fx;
        yield g -> new SpatialDownsample(fx, fy);
      }
      case "merge-polarities" -> {
        expectArgs(args, 0, 0, where);
        yield g -> new MergePolarities();
      }
      default -> throw new IllegalArgumentException("unknown filter '" + name + "'; one of " + FILTER_KINDS);
    };
  }

  public boolean isEmpty() {
    return filters.isEmpty() && !hasNoise();
  }

  private boolean hasNoise() {
    return backgroundHz > 0 || hotPixelFraction > 0 || dropProbability > 0;
  }

  /** A fresh chain for one stream on a sensor of {@code geometry}. */
  public TransformChain forStream(SensorGeometry geometry, String streamId) {
    List<EventTransform> steps = new ArrayList<>();
    if (hasNoise()) {
      steps.add(new SensorNoise(geometry, backgroundHz, hotPixelFraction, dropProbability, streamSeed(streamId)));
    }
    SensorGeometry current = geometry;
    for (Function<SensorGeometry, EventTransform> filter : filters) {
      EventTransform step = filter.apply(current);
      steps.add(step);
      current = step.outputGeometry(current);
    }
    return new TransformChain(steps);
  }

  /** Each stream its own noise, the same on every run. */
  long streamSeed(String streamId) {
    return seed * 0x9E3779B97F4A7C15L ^ streamId.hashCode();
  }

  /** For closing lines: "noise background 20 Hz/pixel, drop 0.3; filters denoise:5000". */
  public String describe() {
    List<String> parts = new ArrayList<>();
    List<String> noise = new ArrayList<>();
    if (backgroundHz > 0) {
      noise.add(String.format(Locale.ROOT, "background %s Hz/pixel", trim(backgroundHz)));
    }
    if (hotPixelFraction > 0) {
      noise.add(String.format(Locale.ROOT, "hot pixels %s", trim(hotPixelFraction)));
    }
    if (dropProbability > 0) {
      noise.add(String.format(Locale.ROOT, "drop %s", trim(dropProbability)));
    }
    if (!noise.isEmpty()) {
      parts.add("noise " + String.join(", ", noise) + " (seed " + seed + ")");
    }
    if (!filterSpecs.isEmpty()) {
      parts.add("filters " + String.join(" -> ", filterSpecs));
    }
    return parts.isEmpty() ? "none" : String.join("; ", parts);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static void expectArgs(String[] args, int min, int max, String where) {
    if (args.length < min || args.length > max) {
      throw new IllegalArgumentException(where + ": expected " + (min == max ? min : min + " to " + max)
          + " argument" + (max == 1 ? "" : "s") + " (" + FILTER_KINDS + ")");
    }
  }

  private static double number(String text, String where) {
    try {
      double v = Double.parseDouble(text.trim());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not a number");
    }
  }

  private static long whole(String text, String where) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not a whole number");
    }
  }

  /** Above this a pixel is not noisy but broken, and the stream would be nothing but noise (10 kHz on 640x480 is 3 Gev/s). */
  static final double MAX_BACKGROUND_HZ = 10_000;

  private static double atLeastZero(double v, String spec) {
    if (v < 0 || v > MAX_BACKGROUND_HZ) {
      throw new IllegalArgumentException("noise '" + spec + "': the rate must be between 0 and " + (long) MAX_BACKGROUND_HZ
          + " Hz per pixel");
    }
    return v;
  }

  private static double share(double v, String spec) {
    if (v < 0 || v > 1) {
      throw new IllegalArgumentException("noise '" + spec + "': the level is a share, between 0 and 1");
    }
    return v;
  }
}
