package io.sne.train.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void aCheckpointLoadsOnlyIntoTheNetworkThatWroteIt(@TempDir Path dir) throws IOException {
    Torch.init(1, 1);
    Path ckpt = dir.resolve("net-e1.ckpt");
    try (NDManager root = NDManager.newBaseManager(); Params written = new Params(root)) {
      written.put("fc.weight", root.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)));
      written.put("fc.bias", root.create(new float[] {7, 8}));
      written.save(ckpt);

      try (Params same = new Params(root)) {
        same.zeros("fc.weight", 2, 3);
        same.zeros("fc.bias", 2);
        same.load(ckpt);
        assertThat(same.values("fc.weight")).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(same.values("fc.bias")).containsExactly(7, 8);
      }
      try (Params wider = new Params(root)) {
        wider.zeros("fc.weight", 4, 3);
        wider.zeros("fc.bias", 4);
        assertThatThrownBy(() -> wider.load(ckpt))
            .isInstanceOf(IOException.class)
            .hasMessageContaining(ckpt.toString())
            .hasMessageContaining("fc.weight has shape [2, 3] in the checkpoint but [4, 3] in this network");
        assertThat(wider.all().get("fc.weight").getShape()).as("nothing loaded").isEqualTo(new Shape(4, 3));
        assertThat(wider.values("fc.bias")).containsExactly(0, 0, 0, 0);
      }
      try (Params more = new Params(root)) {
        more.zeros("fc.weight", 2, 3);
        more.zeros("fc.bias", 2);
        more.zeros("out.weight", 2, 2);
        assertThatThrownBy(() -> more.load(ckpt)).hasMessageContaining("checkpoint has no parameter out.weight");
      }
      try (Params fewer = new Params(root)) {
        fewer.zeros("fc.weight", 2, 3);
        assertThatThrownBy(() -> fewer.load(ckpt)).hasMessageContaining("checkpoint has parameter fc.bias, which this network does not");
      }
    }
  }
}
