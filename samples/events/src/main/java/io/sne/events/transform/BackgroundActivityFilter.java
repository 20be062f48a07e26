package io.sne.events.transform;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import java.util.Arrays;

/**
 * Background-activity denoise (jAER BackgroundActivityFilter, Tonic Denoise): an event passes
 * only if one of its 8 neighbours fired within {@code correlationUs} before it. Real edges excite
 * neighbouring pixels together; shot noise fires isolated pixels. The pixel's own earlier events
 * do not count, so a hot pixel cannot support itself. Every event, passed or not, updates its
 * pixel's last timestamp.
 */
public final class BackgroundActivityFilter implements EventTransform {
  private static final long NEVER = Long.MIN_VALUE / 4;

  private final int width;
  private final int height;
  private final long correlationUs;
  private final long[] lastUs;

  public BackgroundActivityFilter(SensorGeometry geometry, long correlationUs) {
    if (correlationUs <= 0) {
      throw new IllegalArgumentException("correlationUs must be > 0, got " + correlationUs);
    }
    this.width = geometry.width();
    this.height = geometry.height();
    this.correlationUs = correlationUs;
    this.lastUs = new long[width * height];
    Arrays.fill(lastUs, NEVER);
  }

  @Override
  public void apply(EventBuffer in, EventBuffer out) {
    for (int i = 0; i < in.size(); i++) {
      int x = in.x(i);
      int y = in.y(i);
      long t = in.t(i);
      if (supported(x, y, t)) {
        out.add(t, x, y, in.p(i));
      }
      lastUs[y * width + x] = t;
    }
  }

  private boolean supported(int x, int y, long t) {
    for (int ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
      for (int nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
        if ((nx != x || ny != y) && t - lastUs[ny * width + nx] <= correlationUs) {
          return true;
        }
      }
    }
    return false;
  }
}
