package io.sne.runtime.model;

/**
 * What a model consumes. {@code events}: per-step, per-polarity frames of {@code dtUs} (channel 0 =
 * OFF, 1 = ON), the {@code sensorWidth x sensorHeight} sensor scaled to {@code width x height};
 * {@code frame} is {@code count} or {@code binary}. {@code direct}: an analog image of
 * {@code channels x height x width} fed every step.
 */
public record InputSpec(
    String encoding,
    int channels,
    int height,
    int width,
    int sensorWidth,
    int sensorHeight,
    int timeSteps,
    long dtUs,
    String frame) {
  public static final String EVENTS = "events";
  public static final String DIRECT = "direct";
  public static final String COUNT = "count";
  public static final String BINARY = "binary";

  public InputSpec {
    if (!EVENTS.equals(encoding) && !DIRECT.equals(encoding)) {
      throw new IllegalArgumentException("input.encoding must be 'events' or 'direct', got '" + encoding + "'");
    }
    if (channels <= 0 || height <= 0 || width <= 0 || timeSteps <= 0) {
      throw new IllegalArgumentException("input.channels, height, width and timeSteps must be > 0");
    }
    if (frame == null) {
      frame = COUNT;
    }
    if (!COUNT.equals(frame) && !BINARY.equals(frame)) {
      throw new IllegalArgumentException("input.frame must be 'count' or 'binary', got '" + frame + "'");
    }
    if (EVENTS.equals(encoding)) {
      if (channels != 2) {
        throw new IllegalArgumentException("input.channels must be 2 (OFF, ON) for events encoding, got " + channels);
      }
      if (dtUs <= 0) {
        throw new IllegalArgumentException("input.dtUs must be > 0 for events encoding");
      }
      if (sensorWidth <= 0) {
        sensorWidth = width;
      }
      if (sensorHeight <= 0) {
        sensorHeight = height;
      }
    }
  }

  public boolean events() {
    return EVENTS.equals(encoding);
  }

  public boolean binaryFrames() {
    return BINARY.equals(frame);
  }

  public int size() {
    return channels * height * width;
  }

  /** Duration of one window: T steps of dt. */
  public long windowUs() {
    return timeSteps * dtUs;
  }
}
