package io.sne.runtime.encode;

import io.sne.runtime.model.InputSpec;

/**
 * Maps sensor events onto a model's input: time step {@code (t - windowStart) / dtUs}; pixel scaled
 * by the integer factor {@code s = max(1, min(sensorWidth / width, sensorHeight / height))} (the
 * largest that still fills the input), then centre-cropped (or centre-padded) to {@code width x
 * height}; channel 0 = OFF, 1 = ON. Input indices are channel-major: {@code (c*height + y)*width + x}.
 * Training builds its tensors with {@link #frames}, the runtime bins with {@link #inputIndex}: one
 * code path, so both see the same input.
 */
public final class EventFrameEncoder {
  private final InputSpec spec;
  private final int scale;
  private final int[] columnOf; // sensor x -> input x, or -1
  private final int[] rowOf; // sensor y -> input y, or -1
  private final int planeSize;

  public EventFrameEncoder(InputSpec spec) {
    if (!spec.events()) {
      throw new IllegalArgumentException("EventFrameEncoder needs an 'events' input, got '" + spec.encoding() + "'");
    }
    this.spec = spec;
    this.scale = Math.max(1, Math.min(spec.sensorWidth() / spec.width(), spec.sensorHeight() / spec.height()));
    this.columnOf = axis(spec.sensorWidth(), spec.width(), scale);
    this.rowOf = axis(spec.sensorHeight(), spec.height(), scale);
    this.planeSize = spec.height() * spec.width();
  }

  private static int[] axis(int sensor, int input, int scale) {
    int scaled = (sensor + scale - 1) / scale;
    int offset = Math.floorDiv(scaled - input, 2);
    int[] map = new int[sensor];
    for (int s = 0; s < sensor; s++) {
      int i = s / scale - offset;
      map[s] = i >= 0 && i < input ? i : -1;
    }
    return map;
  }

  public InputSpec spec() {
    return spec;
  }

  /** The integer downsampling factor from sensor to input. */
  public int scale() {
    return scale;
  }

  /** Channel-major input index of an event, or -1 when the pixel is off-sensor or cropped away. */
  public int inputIndex(int x, int y, int p) {
    if (x < 0 || y < 0 || x >= columnOf.length || y >= rowOf.length) {
      return -1;
    }
    int col = columnOf[x];
    int row = rowOf[y];
    if (col < 0 || row < 0) {
      return -1;
    }
    return (p > 0 ? planeSize : 0) + row * spec.width() + col;
  }

  /** Time step of an event within the window starting at {@code windowStartUs}, or -1 outside it. */
  public int stepOf(long tUs, long windowStartUs) {
    long d = tUs - windowStartUs;
    if (d < 0) {
      return -1;
    }
    long step = d / spec.dtUs();
    return step < spec.timeSteps() ? (int) step : -1;
  }

  /**
   * Dense input frames {@code [T][channels*height*width]}: per-step event counts (or 1/0 for binary
   * frames) of the window's events; events outside the window or the crop are skipped.
   */
  public float[][] frames(long[] tUs, int[] x, int[] y, byte[] p, int n, long windowStartUs) {
    float[][] frames = new float[spec.timeSteps()][spec.size()];
    boolean binary = spec.binaryFrames();
    for (int e = 0; e < n; e++) {
      int step = stepOf(tUs[e], windowStartUs);
      int index = step < 0 ? -1 : inputIndex(x[e], y[e], p[e]);
      if (index >= 0) {
        frames[step][index] = binary ? 1f : frames[step][index] + 1f;
      }
    }
    return frames;
  }

  public float[][] frames(EventWindow w) {
    return frames(w.tUs(), w.x(), w.y(), w.p(), w.n(), w.windowStartUs());
  }
}
