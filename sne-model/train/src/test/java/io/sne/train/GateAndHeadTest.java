package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GateAndHeadTest {
  /** Two classes, D = 2, one dimension per student; student 1's dimension is the informative one. */
  private static StudentOutputs outputs(int n) {
    Random rng = new Random(5);
    float[][] per = {new float[n], new float[n]};
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(2);
      per[0][i] = (float) rng.nextGaussian();
      per[1][i] = (labels[i] == 1 ? 1f : -1f) + 0.3f * (float) rng.nextGaussian();
    }
    return new StudentOutputs(per, new int[][] {{0}, {1}}, new float[] {0f, 0f}, labels);
  }

  private static final float[] W = {0.1f, -2f, -0.1f, 2f};
  private static final float[] B = {0f, 0f};

  @Test
  void orderPutsTheInformativeStudentFirstAndCascadeRespectsThresholds() {
    StudentOutputs val = outputs(400);
    GateCalibrator.Calibration c = GateCalibrator.calibrate(val, W, B, new double[] {10, 20}, 1, "cascade", 0.01);
    assertThat(c.order()).containsExactly(1, 0);
    GateCalibrator.Point never = GateCalibrator.cascade(val, W, B, c.order(), 0.0, new double[] {10, 20}, 1);
    assertThat(never.meanStudents()).isEqualTo(1.0);
    assertThat(never.meanEnergyPj()).isEqualTo(21.0);
    GateCalibrator.Point always = GateCalibrator.cascade(val, W, B, c.order(), 1.01, new double[] {10, 20}, 1);
    assertThat(always.meanStudents()).isEqualTo(2.0);
    assertThat(always.meanEnergyPj()).isEqualTo(32.0);
    for (int i = 1; i < c.pareto().size(); i++) assertThat(c.pareto().get(i).accuracy()).isGreaterThan(c.pareto().get(i - 1).accuracy());
    assertThat(c.chosen().policy()).isEqualTo("cascade");
    assertThat(c.chosen().accuracy()).isGreaterThanOrEqualTo(c.points().get(1).accuracy() - 0.01);
  }

  @Test
  void studentDropoutMasks() {
    Random rng = new Random(1);
    for (int i = 0; i < 200; i++) {
      boolean[] nested = HeadTuner.mask(HeadTuner.Dropout.NESTED, 5, 0.5f, rng);
      int k = 0;
      while (k < 5 && nested[k]) k++;
      for (int j = k; j < 5; j++) assertThat(nested[j]).as("nested masks are prefixes").isFalse();
      assertThat(k).isBetween(1, 5);
      boolean[] b = HeadTuner.mask(HeadTuner.Dropout.BERNOULLI, 5, 0.05f, rng);
      int on = 0;
      for (boolean x : b) if (x) on++;
      assertThat(on).as("never an empty ensemble").isGreaterThanOrEqualTo(1);
    }
  }
}
