package io.sne.runtime.ensemble;

import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.TensorNames;

/**
 * The head {@code h(f) = W f + b} over the assembled feature f^ (inactive slices = their training
 * means). Computed incrementally: {@code W mu + b} once per model, then each student that runs adds
 * {@code W[:, S_i] (s_i - mu[S_i])}, so a cascade pays {@code C x |S_i|} MACs per student, not C x D.
 */
final class EnsembleHead {
  private final int classes;
  private final int featureDim;
  private final float[] weight; // [C][D]
  private final float[] means;
  private final int[][] slices;
  private final float[] baseLogits;

  EnsembleHead(SneModel model) {
    classes = model.manifest().head().classes();
    featureDim = model.manifest().partition().featureDim();
    weight = model.values(TensorNames.HEAD_WEIGHT, 0);
    means = model.values(TensorNames.PARTITION_MEANS, featureDim);
    float[] bias = model.values(TensorNames.HEAD_BIAS, classes);
    slices = model.manifest().partition().slices().toArray(new int[0][]);
    baseLogits = new float[classes];
    for (int c = 0; c < classes; c++) {
      float sum = bias[c];
      for (int d = 0; d < featureDim; d++) {
        sum += weight[c * featureDim + d] * means[d];
      }
      baseLogits[c] = sum;
    }
  }

  int classes() {
    return classes;
  }

  void start(float[] logits) {
    System.arraycopy(baseLogits, 0, logits, 0, classes);
  }

  /** Adds student i's slice prediction; returns the MACs spent. */
  long add(float[] logits, int student, float[] output) {
    int[] slice = slices[student];
    for (int k = 0; k < slice.length; k++) {
      int d = slice[k];
      float delta = output[k] - means[d];
      for (int c = 0; c < classes; c++) {
        logits[c] += weight[c * featureDim + d] * delta;
      }
    }
    return (long) classes * slice.length;
  }

  /** Softmax into {@code probabilities}; returns the MACs charged (one per class). */
  long softmax(float[] logits, float[] probabilities) {
    float max = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, logits[c]);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      double e = Math.exp(logits[c] - max);
      probabilities[c] = (float) e;
      sum += e;
    }
    for (int c = 0; c < classes; c++) {
      probabilities[c] = (float) (probabilities[c] / sum);
    }
    return classes;
  }

  /** f^: means, with the slices of the students that ran overwritten by their outputs. */
  float[] features(int[] studentsRun, float[][] outputs) {
    float[] f = means.clone();
    for (int s : studentsRun) {
      int[] slice = slices[s];
      for (int k = 0; k < slice.length; k++) {
        f[slice[k]] = outputs[s][k];
      }
    }
    return f;
  }
}
