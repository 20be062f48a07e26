package io.sne.events.transform;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import java.util.Arrays;

/**
 * Refractory period (Tonic RefractoryPeriod, jAER RefractoryFilter): after a pixel's passed event,
 * further events of that pixel (either polarity) within {@code refractoryUs} are dropped.
 */
public final class RefractoryFilter implements EventTransform {
  private final int width;
  private final long refractoryUs;
  private final long[] lastPassedUs;

  public RefractoryFilter(SensorGeometry geometry, long refractoryUs) {
    if (refractoryUs < 0) {
      throw new IllegalArgumentException("refractoryUs must be >= 0, got " + refractoryUs);
    }
    this.width = geometry.width();
    this.refractoryUs = refractoryUs;
    this.lastPassedUs = new long[geometry.width() * geometry.height()];
    Arrays.fill(lastPassedUs, Long.MIN_VALUE / 4);
  }

  @Override
  public void apply(EventBuffer in, EventBuffer out) {
    for (int i = 0; i < in.size(); i++) {
      int pixel = in.y(i) * width + in.x(i);
      long t = in.t(i);
      if (t - lastPassedUs[pixel] > refractoryUs) {
        out.add(t, in.x(i), in.y(i), in.p(i));
        lastPassedUs[pixel] = t;
      }
    }
  }
}
