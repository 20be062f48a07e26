package io.sne.events.emulate;

/**
 * The image offset over time, as in N-MNIST (Orchard et al. 2015): the sensor makes saccades
 * between the corners of a triangle centred on the rest position, returning to the start after
 * every three. Each saccade follows a smooth (raised-cosine) velocity profile, like a pan-tilt
 * unit or an eye, rather than a constant velocity with jerks at the corners.
 */
final class SaccadePath {
  private final double[] cornersX;
  private final double[] cornersY;
  private final long saccadeDurationUs;

  SaccadePath(double amplitudePx, long saccadeDurationUs) {
    double a = amplitudePx;
    // Triangle with its centroid at the origin: top, bottom right, bottom left.
    this.cornersX = new double[] {0, a / 2, -a / 2};
    this.cornersY = new double[] {-2 * a / 3, a / 3, a / 3};
    this.saccadeDurationUs = saccadeDurationUs;
  }

  double x(long timeUs) {
    return interpolate(cornersX, timeUs);
  }

  double y(long timeUs) {
    return interpolate(cornersY, timeUs);
  }

  private double interpolate(double[] corners, long timeUs) {
    int saccade = (int) (timeUs / saccadeDurationUs);
    double u = (double) (timeUs - (long) saccade * saccadeDurationUs) / saccadeDurationUs;
    double s = (1 - Math.cos(Math.PI * u)) / 2;
    double from = corners[saccade % 3];
    double to = corners[(saccade + 1) % 3];
    return from + (to - from) * s;
  }
}
