package io.sne.train;

/**
 * Watches a student's epochs by their mean slice MSE: an epoch diverged when its MSE is not finite,
 * its firing rate leaves [0, 1], or its MSE rose past {@link #DIVERGENCE_FACTOR} times the last
 * accepted epoch's (the caller then rolls it back and lowers the learning rate); of the accepted
 * epochs, the best is the one whose weights the student keeps. Seen in a 10-epoch run: two students'
 * last epochs went from 0.074 to 0.140 and from 0.071 to 0.133, under the old threefold rule, and the
 * student kept those weights.
 */
final class EpochGuard {
  static final double DIVERGENCE_FACTOR = 1.5;

  private double previous = Double.NaN;
  private double best = Double.POSITIVE_INFINITY;
  private int bestEpoch = -1;

  boolean diverged(double mse, double firingRate) {
    return !Double.isFinite(mse) || !(firingRate >= 0 && firingRate <= 1.0)
        || (!Double.isNaN(previous) && mse > DIVERGENCE_FACTOR * previous);
  }

  /** Records epoch {@code epoch} (0-based) as accepted; true when it is the best so far. */
  boolean accept(int epoch, double mse) {
    previous = mse;
    if (mse < best) {
      best = mse;
      bestEpoch = epoch;
      return true;
    }
    return false;
  }

  double best() {
    return best;
  }

  int bestEpoch() {
    return bestEpoch;
  }
}
