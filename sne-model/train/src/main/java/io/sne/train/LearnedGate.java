package io.sne.train;

import io.sne.runtime.ensemble.GateFeatures;
import java.util.Arrays;

/**
 * The learned gate in the form the runtime runs it (docs/model-file.md, gate policy
 * {@code learned}): {@code order[0]} always runs; each further student {@code order[j]} runs when
 * {@code weight[order[j]] . g + bias[order[j]] > 0}, g the window's {@link GateFeatures}. weight is
 * {@code [N][G]} row-major, bias {@code [N]}; the row of {@code order[0]} is unused (zero).
 *
 * @param threshold the cost threshold lambda this gate was cut at (see {@link Fitted#at})
 */
public record LearnedGate(int[] order, float[] weight, float[] bias, double threshold) {

  /** The students the runtime will run for a window with statistics g, in the order it runs them. */
  public int[] studentsToRun(float[] g) {
    int[] run = new int[order.length];
    int n = 0;
    run[n++] = order[0];
    for (int j = 1; j < order.length; j++) {
      if (GateFeatures.score(weight, bias, order[j], g) > 0f) run[n++] = order[j];
    }
    return Arrays.copyOf(run, n);
  }

  /**
   * One logistic model per further student of the order, predicting from g whether the input needs
   * students beyond the first j: the first j students of the order get it wrong while all students
   * get it right (inputs all students miss are not worth any energy). A student's relative cost
   * (its energy over the mean of the further students') sets how sure the gate must be.
   */
  public record Fitted(int[] order, LogisticRegression.Model[] byStudent, double[] relativeCost) {
    /**
     * The gate that runs further student s when p_s(g) > lambda * relativeCost[s]: lambda = 0 runs
     * every student, a large lambda only the first. Expected benefit per unit of energy, thresholded.
     */
    public LearnedGate at(double lambda) {
      int n = byStudent.length;
      int g = GateFeatures.COUNT;
      float[] weight = new float[n * g];
      float[] bias = new float[n];
      for (int j = 1; j < order.length; j++) {
        int s = order[j];
        double t = lambda * relativeCost[s];
        if (t <= 0) {
          bias[s] = 1f; // always
        } else if (t >= 1) {
          bias[s] = -1f; // never
        } else {
          LogisticRegression.Model m = byStudent[s];
          for (int f = 0; f < g; f++) weight[s * g + f] = (float) m.weight()[f];
          bias[s] = (float) (m.bias() - Math.log(t / (1 - t)));
        }
      }
      return new LearnedGate(order.clone(), weight, bias, lambda);
    }
  }

  /**
   * Fits the per-student models on validation data.
   *
   * @param val every student's output on the validation samples
   * @param features g of each validation sample, computed by the runtime with order[0] as the first student
   * @param studentEnergyPj mean energy of each student
   */
  public static Fitted fit(StudentOutputs val, float[][] features, int[] order, float[] headW, float[] headB, double[] studentEnergyPj) {
    int n = val.students();
    if (features.length != val.size()) {
      throw new IllegalArgumentException("gate features for " + features.length + " samples, outputs for " + val.size());
    }
    boolean[] all = new boolean[n];
    for (int s : order) all[s] = true;
    boolean[] fullRight = new boolean[val.size()];
    for (int i = 0; i < val.size(); i++) fullRight[i] = StudentOutputs.argMax(val.logits(i, all, headW, headB)) == val.labels()[i];
    LogisticRegression.Model[] models = new LogisticRegression.Model[n];
    boolean[] prefix = new boolean[n];
    double meanCost = 0;
    for (int j = 1; j < order.length; j++) meanCost += studentEnergyPj[order[j]] / (order.length - 1);
    double[] relative = new double[n];
    for (int j = 1; j < order.length; j++) {
      prefix[order[j - 1]] = true;
      boolean[] needed = new boolean[val.size()];
      for (int i = 0; i < val.size(); i++) {
        needed[i] = fullRight[i] && StudentOutputs.argMax(val.logits(i, prefix, headW, headB)) != val.labels()[i];
      }
      models[order[j]] = LogisticRegression.fit(features, needed, 1e-3);
      relative[order[j]] = meanCost > 0 ? studentEnergyPj[order[j]] / meanCost : 1;
    }
    return new Fitted(order.clone(), models, relative);
  }
}
