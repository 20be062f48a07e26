package io.sne.runtime.model;

import java.util.List;

/**
 * Which students run. {@code fixed-k}: the first {@code k} of {@code order}. {@code cascade}: run in
 * {@code order}, stop once the head's max probability >= {@code confidence} (or top-2 margin >=
 * {@code margin} when margin is set). {@code learned}: the first of {@code order} always runs, then
 * student {@code order[j]} runs when {@code gate.weight[order[j]] . g + gate.bias[order[j]] > 0}, g the
 * window's input statistics ({@link io.sne.runtime.ensemble.GateFeatures}).
 */
public record GateSpec(
    String policy, int[] order, Integer k, Double confidence, Double margin, List<ParetoPoint> pareto) {
  public static final String FIXED_K = "fixed-k";
  public static final String CASCADE = "cascade";
  public static final String LEARNED = "learned";
  /** The input statistics a learned gate reads, in the column order of gate.weight. */
  public static final List<String> LEARNED_FEATURES =
      List.of("logInputEvents", "onFraction", "activeFraction", "logFirstStudentSpikes");

  public GateSpec {
    if (!FIXED_K.equals(policy) && !CASCADE.equals(policy) && !LEARNED.equals(policy)) {
      throw new IllegalArgumentException(
          "gate.policy must be 'fixed-k', 'cascade' or 'learned', got '" + policy + "'");
    }
    if (pareto == null) {
      pareto = List.of();
    }
    if (CASCADE.equals(policy) && confidence == null && margin == null) {
      throw new IllegalArgumentException("gate.policy 'cascade' needs 'confidence' or 'margin'");
    }
  }

  public static GateSpec fixedK(int[] order, int k) {
    return new GateSpec(FIXED_K, order, k, null, null, List.of());
  }
}
