package io.sne.events.transform;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;

/** Keeps the events inside a rectangle and moves its top-left corner to (0, 0) (Tonic CenterCrop/RandomCrop). */
public final class Crop implements EventTransform {
  private final int left;
  private final int top;
  private final int width;
  private final int height;

  public Crop(int left, int top, int width, int height) {
    if (left < 0 || top < 0 || width < 1 || height < 1) {
      throw new IllegalArgumentException("crop needs left, top >= 0 and a positive size");
    }
    this.left = left;
    this.top = top;
    this.width = width;
    this.height = height;
  }

  /** The centred {@code width x height} window of a sensor. */
  public static Crop centre(SensorGeometry sensor, int width, int height) {
    return new Crop((sensor.width() - width) / 2, (sensor.height() - height) / 2, width, height);
  }

  @Override
  public void apply(EventBuffer in, EventBuffer out) {
    for (int i = 0; i < in.size(); i++) {
      int x = in.x(i) - left;
      int y = in.y(i) - top;
      if (x >= 0 && y >= 0 && x < width && y < height) {
        out.add(in.t(i), x, y, in.p(i));
      }
    }
  }

  @Override
  public SensorGeometry outputGeometry(SensorGeometry input) {
    return new SensorGeometry(width, height);
  }
}
