package io.sne.runtime.ensemble;

/**
 * The cheap window statistics a {@code learned} gate reads, in the column order of gate.weight
 * (see {@link io.sne.runtime.model.GateSpec#LEARNED_FEATURES}): {@code log(1 + input events)}, the
 * fraction of ON events, the fraction of (step, input) cells that were active, and
 * {@code log(1 + spikes of the first student)}. For a direct model "input events" are the non-zero
 * pixels summed over the T steps, and the ON fraction is 0. Training must compute them the same way.
 */
public final class GateFeatures {
  public static final int COUNT = 4;

  private GateFeatures() {}

  public static float[] of(long inputEvents, long onEvents, long activeInputs, long inputCells,
      long firstStudentSpikes) {
    return new float[] {
      (float) Math.log1p(inputEvents),
      inputEvents == 0 ? 0f : (float) onEvents / inputEvents,
      inputCells == 0 ? 0f : (float) activeInputs / inputCells,
      (float) Math.log1p(firstStudentSpikes)
    };
  }

  /**
   * The learned gate's score for one student: {@code weight[student] . g + bias[student]}, summed in
   * float in column order. The student runs when the score is > 0. The runtime and training both
   * call this, so a trained gate makes exactly the decisions its trainer predicted.
   */
  public static float score(float[] weight, float[] bias, int student, float[] g) {
    float score = bias[student];
    for (int f = 0; f < g.length; f++) {
      score += weight[student * g.length + f] * g[f];
    }
    return score;
  }
}
