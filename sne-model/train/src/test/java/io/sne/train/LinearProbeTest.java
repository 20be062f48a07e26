package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearProbeTest {
  @Test
  void independentDimensionsExplainTheirShareOfTheLogitVariance() {
    // one logit z = 3 x0 + 4 x1 with x0, x1 independent unit Gaussians: var z = 9 + 16, so x0 explains 9/25, x1 16/25
    int n = 20000;
    Random rng = new Random(2);
    float[] f = new float[n * 2];
    for (int i = 0; i < f.length; i++) f[i] = (float) rng.nextGaussian();
    LinearProbe probe = new LinearProbe(f, 2, new float[] {3, 4}, new float[] {1});
    assertThat(probe.explained(new int[] {0})).isCloseTo(0.36, within(0.02));
    assertThat(probe.explained(new int[] {1})).isCloseTo(0.64, within(0.02));
    assertThat(probe.explained(new int[] {0, 1})).isCloseTo(1.0, within(1e-3));
  }

  @Test
  void aDuplicatedDimensionAddsNothingAndAConstantOneIsHarmless() {
    int n = 5000;
    Random rng = new Random(3);
    float[] f = new float[n * 4];
    for (int i = 0; i < n; i++) {
      f[i * 4] = (float) rng.nextGaussian();
      f[i * 4 + 1] = f[i * 4];
      f[i * 4 + 2] = (float) rng.nextGaussian();
      f[i * 4 + 3] = 2.5f;
    }
    LinearProbe probe = new LinearProbe(f, 4, new float[] {1, 1, 1, 1}, new float[] {0});
    double one = probe.explained(new int[] {0});
    assertThat(probe.explained(new int[] {0, 1})).isCloseTo(one, within(1e-3));
    assertThat(probe.explained(new int[] {0, 3})).isCloseTo(one, within(1e-9));
    assertThat(probe.explained(new int[] {0, 1, 2, 3})).isCloseTo(1.0, within(1e-3));
  }

  @Test
  void withEveryDimensionTheProbeReproducesTheTeachersDecisions() {
    int n = 4000;
    int dim = 6;
    int classes = 3;
    Random rng = new Random(8);
    float[] f = new float[n * dim];
    for (int i = 0; i < f.length; i++) f[i] = (float) (rng.nextGaussian() * (1 + i % dim) + (i % dim)); // scales and offsets differ per dimension
    float[] w = PartitionTest.head(classes, dim);
    float[] b = new float[classes];
    // bias that centres the logits, so the teacher uses every class
    for (int c = 0; c < classes; c++) for (int d = 0; d < dim; d++) b[c] -= w[c * dim + d] * d;
    int[] teacherSays = TeacherTrainer.predict(w, b, f, dim);
    assertThat(java.util.Arrays.stream(teacherSays).distinct().count()).isEqualTo(classes);
    LinearProbe probe = new LinearProbe(f, dim, w, b);
    assertThat(probe.accuracy(new int[] {0, 1, 2, 3, 4, 5}, f, teacherSays)).isGreaterThan(0.99);
    // one dimension of six cannot: the teacher's decisions depend on all of them
    assertThat(probe.accuracy(new int[] {0}, f, teacherSays)).isLessThan(0.9);
  }
}
