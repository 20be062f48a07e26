package io.sne.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;

/**
 * Replaces each slice of the feature f by its training mean with probability p (per batch row),
 * so the head learns to classify from whatever slices are present; used to fine-tune the teacher
 * (the "fine-tuned" variant) before distillation.
 */
public final class SliceDropout {
  private final int[][] slices;
  private final float[] means;
  private final float p;
  private final int dim;

  public SliceDropout(int[][] slices, float[] means, float p) {
    this.slices = slices;
    this.means = means;
    this.p = p;
    this.dim = means.length;
  }

  public NDArray apply(NDArray f, Random rng) {
    int rows = (int) f.getShape().get(0);
    float[] keep = new float[rows * dim];
    float[] fill = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      for (int[] slice : slices) {
        boolean drop = rng.nextFloat() < p;
        for (int d : slice) {
          keep[r * dim + d] = drop ? 0f : 1f;
          fill[r * dim + d] = drop ? means[d] : 0f;
        }
      }
    }
    NDManager m = f.getManager();
    return f.mul(m.create(keep, f.getShape())).add(m.create(fill, f.getShape()));
  }
}
