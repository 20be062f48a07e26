package io.sne.events.emulate;

import io.sne.events.SensorGeometry;

/**
 * Parameters of the DVS emulator. Contrast thresholds are in natural-log intensity units (a pixel
 * fires when ln(intensity + logEpsilon) moved by the threshold since its last event); times in µs.
 *
 * @param sensor sensor size; the image is centred on it
 * @param saccades number of saccades (N-MNIST: 3, along a triangle)
 * @param saccadeDurationUs duration of one saccade (N-MNIST: about 100 ms)
 * @param saccadeAmplitudePx side length scale of the triangle the image moves along, in pixels
 * @param thresholdOn mean ON contrast threshold
 * @param thresholdOff mean OFF contrast threshold
 * @param thresholdSigma relative per-pixel threshold mismatch (standard deviation / mean)
 * @param refractoryUs after an event a pixel stays blind this long (events in it are dropped)
 * @param backgroundRateHz per-pixel rate of background-activity noise events (0 = none)
 * @param logEpsilon added to the [0,1] intensity before the log, so black does not saturate
 * @param stepUs simulation step; event times are interpolated within a step
 */
public record EmulatorConfig(
    SensorGeometry sensor,
    int saccades,
    long saccadeDurationUs,
    double saccadeAmplitudePx,
    double thresholdOn,
    double thresholdOff,
    double thresholdSigma,
    long refractoryUs,
    double backgroundRateHz,
    double logEpsilon,
    long stepUs) {

  public EmulatorConfig {
    if (!sensor.isKnown()) {
      throw new IllegalArgumentException("the emulated sensor needs a size, got " + sensor);
    }
    if (saccades < 1 || saccadeDurationUs <= 0 || stepUs <= 0 || stepUs > saccadeDurationUs) {
      throw new IllegalArgumentException("need saccades >= 1 and 0 < stepUs <= saccadeDurationUs");
    }
    if (thresholdOn <= 0 || thresholdOff <= 0 || thresholdSigma < 0 || refractoryUs < 0
        || backgroundRateHz < 0 || logEpsilon <= 0) {
      throw new IllegalArgumentException("thresholds and logEpsilon must be > 0; sigma, refractory and noise >= 0");
    }
  }

  /** N-MNIST-like defaults: 34x34 sensor, three 100 ms saccades, no background noise. */
  public static EmulatorConfig nmnistLike() {
    return new EmulatorConfig(new SensorGeometry(34, 34), 3, 100_000, 3.0, 0.3, 0.3, 0.03, 1_000, 0.0, 0.15, 1_000);
  }

  public long durationUs() {
    return saccades * saccadeDurationUs;
  }

  public EmulatorConfig withSensor(SensorGeometry s) {
    return new EmulatorConfig(s, saccades, saccadeDurationUs, saccadeAmplitudePx, thresholdOn, thresholdOff,
        thresholdSigma, refractoryUs, backgroundRateHz, logEpsilon, stepUs);
  }

  public EmulatorConfig withSaccades(int n, long durationUs, double amplitudePx) {
    return new EmulatorConfig(sensor, n, durationUs, amplitudePx, thresholdOn, thresholdOff,
        thresholdSigma, refractoryUs, backgroundRateHz, logEpsilon, stepUs);
  }

  public EmulatorConfig withThresholds(double on, double off, double sigma) {
    return new EmulatorConfig(sensor, saccades, saccadeDurationUs, saccadeAmplitudePx, on, off,
        sigma, refractoryUs, backgroundRateHz, logEpsilon, stepUs);
  }

  public EmulatorConfig withRefractoryUs(long us) {
    return new EmulatorConfig(sensor, saccades, saccadeDurationUs, saccadeAmplitudePx, thresholdOn, thresholdOff,
        thresholdSigma, us, backgroundRateHz, logEpsilon, stepUs);
  }

  public EmulatorConfig withBackgroundRateHz(double hz) {
    return new EmulatorConfig(sensor, saccades, saccadeDurationUs, saccadeAmplitudePx, thresholdOn, thresholdOff,
        thresholdSigma, refractoryUs, hz, logEpsilon, stepUs);
  }
}
