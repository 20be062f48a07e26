package io.sne.events.transform;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;

/**
 * Spatial downsampling (Tonic Downsample's spatial factor): x / factorX, y / factorY, so each
 * output pixel gathers a block of input pixels. Events are kept, not merged.
 */
public final class SpatialDownsample implements EventTransform {
  private final int factorX;
  private final int factorY;

  public SpatialDownsample(int factorX, int factorY) {
    if (factorX < 1 || factorY < 1) {
      throw new IllegalArgumentException("downsample factors must be >= 1");
    }
    this.factorX = factorX;
    this.factorY = factorY;
  }

  @Override
  public void apply(EventBuffer in, EventBuffer out) {
    for (int i = 0; i < in.size(); i++) {
      out.add(in.t(i), in.x(i) / factorX, in.y(i) / factorY, in.p(i));
    }
  }

  @Override
  public SensorGeometry outputGeometry(SensorGeometry input) {
    return new SensorGeometry((input.width() + factorX - 1) / factorX, (input.height() + factorY - 1) / factorY);
  }
}
