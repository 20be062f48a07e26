package io.sne.train.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class ParamsTest {
  /** Backward of sum(w * factor) into w's gradient; returns whether the step was taken. */
  private static boolean backwardAndStep(Params p, float factor) {
    try (NDManager m = p.manager().newSubManager()) {
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(p.get("w").mul(factor).sum());
      }
      return p.stepIfFinite();
    }
  }

  @Test
  void aSkippedNonFiniteStepDoesNotPoisonTheNextOnes() {
    Torch.init(1, 1);
    try (NDManager root = NDManager.newBaseManager(); Params p = new Params(root)) {
      p.put("w", root.create(new float[] {1f, 2f, 3f}));
      p.useAdam(0.1f);
      assertThat(backwardAndStep(p, Float.NaN)).as("a NaN gradient is skipped").isFalse();
      assertThat(p.values("w")).as("and leaves the weights alone").containsExactly(1f, 2f, 3f);
      float[] before = p.values("w");
      assertThat(backwardAndStep(p, 2f)).as("the next finite batch steps (libtorch accumulates into .grad)").isTrue();
      float[] after = p.values("w");
      for (int i = 0; i < after.length; i++) {
        // Adam's first step moves each weight by about lr against the gradient's sign
        assertThat(after[i]).isCloseTo(before[i] - 0.1f, org.assertj.core.data.Offset.offset(1e-3f));
      }
    }
  }

  @Test
  void zeroGradientsClearsNaN() {
    Torch.init(1, 1);
    try (NDManager root = NDManager.newBaseManager(); Params p = new Params(root)) {
      NDArray w = p.put("w", root.create(new float[] {1f, 2f}));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(w.mul(Float.POSITIVE_INFINITY).sum());
      }
      assertThat(p.gradientsFinite()).isFalse();
      p.zeroGradients();
      assertThat(p.gradientsFinite()).isTrue();
      try (NDArray g = w.getGradient()) {
        assertThat(g.toFloatArray()).containsExactly(0f, 0f);
      }
    }
  }
}
