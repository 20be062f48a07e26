package io.sne.train;

import ai.djl.ndarray.NDArray;

/**
 * Guards every optimisation step against NaN/Inf (seen once in a prototype under load): the step
 * is skipped and counted; after too many in a row training stops with a message instead of
 * silently producing garbage weights.
 */
public final class NonFinite {
  private final int maxConsecutive;
  private int total;
  private int consecutive;

  public NonFinite(int maxConsecutive) {
    this.maxConsecutive = maxConsecutive;
  }

  /** True when the loss is finite; otherwise counts a skipped step (and may throw). */
  public boolean check(NDArray loss, String where) {
    if (Float.isFinite(loss.getFloat())) {
      consecutive = 0;
      return true;
    }
    skipped(where + " loss");
    return false;
  }

  public void skipped(String where) {
    total++;
    consecutive++;
    if (consecutive > maxConsecutive) {
      throw new IllegalStateException(where + " was non-finite in " + consecutive + " consecutive steps (" + total
          + " in all): training diverged; lower the learning rate or check the input data");
    }
  }

  public int count() {
    return total;
  }
}
