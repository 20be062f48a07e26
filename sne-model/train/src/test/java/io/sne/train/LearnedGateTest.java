package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sne.runtime.ensemble.Decision;
import io.sne.runtime.ensemble.GateFeatures;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.model.GateSpec;
import io.sne.runtime.model.SneModel;
import io.sne.train.data.Datasets;
import io.sne.train.nn.LifStudent;
import io.sne.train.nn.StudentArch;
import io.sne.train.nn.Torch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedGateTest {
  /** Two classes; feature 0 of g above HARD marks a hard input. */
  private static final float HARD = 3f;

  /**
   * Student 0 (one dimension) knows the class of easy inputs and is pure noise on hard ones; student
   * 1 says nothing (the mean, 0) on easy inputs and knows the class of hard ones. So student 1 is
   * needed exactly when g[0] > HARD; the other three statistics are noise.
   */
  private record Synthetic(StudentOutputs outputs, float[][] g) {}

  private static Synthetic synthetic(int n, long seed) {
    Random rng = new Random(seed);
    float[][] per = {new float[n], new float[n]};
    float[][] g = new float[n][GateFeatures.COUNT];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(2);
      float sign = labels[i] == 1 ? 1f : -1f;
      for (int f = 0; f < g[i].length; f++) g[i][f] = 5f * rng.nextFloat();
      boolean hard = g[i][0] > HARD;
      per[0][i] = hard ? (float) rng.nextGaussian() : sign + 0.3f * (float) rng.nextGaussian();
      per[1][i] = hard ? 3f * sign + 0.3f * (float) rng.nextGaussian() : 0f;
    }
    return new Synthetic(new StudentOutputs(per, new int[][] {{0}, {1}}, new float[] {0f, 0f}, labels), g);
  }

  /** logit(class 1) - logit(class 0) = 2 (f0 + f1). */
  private static final float[] W = {-1f, -1f, 1f, 1f};
  private static final float[] B = {0f, 0f};

  @Test
  void learnsThatTheStatisticDecidesWhetherTheSecondStudentIsNeeded() throws Exception {
    Synthetic val = synthetic(2000, 1);
    double[] energy = {100, 100};
    GateCalibrator.Calibration c = GateCalibrator.calibrate(val.outputs(), W, B, energy, 1, 0.01, "learned", 0.01, first -> val.g());
    assertThat(c.order()).as("student 0 alone is right on easy inputs (60%) and half the hard ones").containsExactly(0, 1);
    assertThat(c.chosen().policy()).isEqualTo("learned");

    // On fresh inputs the gate runs student 1 exactly for the hard ones (a few mistakes near the boundary allowed).
    Synthetic test = synthetic(2000, 2);
    int agree = 0;
    int ok = 0;
    long ran = 0;
    for (int i = 0; i < test.g().length; i++) {
      int[] run = c.learned().studentsToRun(test.g()[i]);
      assertThat(run[0]).isEqualTo(0);
      if ((run.length == 2) == (test.g()[i][0] > HARD)) agree++;
      boolean[] active = new boolean[2];
      for (int s : run) active[s] = true;
      ran += run.length;
      if (StudentOutputs.argMax(test.outputs().logits(i, active, W, B)) == test.outputs().labels()[i]) ok++;
    }
    assertThat(agree / 2000.0).as("decisions that match 'g[0] > 3'").isGreaterThan(0.97);
    double full = test.outputs().accuracy(new boolean[] {true, true}, W, B);
    assertThat(ok / 2000.0).as("accuracy of the gate vs all students (%.4f)", full).isGreaterThan(full - 0.02);
    assertThat(ran / 2000.0).as("mean students: 1 + P(hard) = 1.4").isBetween(1.3, 1.5);

    // Its points sit on the curve next to fixed-k and cascade; here it beats both: all students' accuracy at ~70% of their energy.
    assertThat(c.points()).extracting(GateCalibrator.Point::policy).contains("fixed-k", "cascade", "learned");
    assertThat(c.pareto()).anySatisfy(p -> assertThat(p.policy()).isEqualTo("learned"));
    assertThat(c.chosen().meanEnergyPj()).isLessThan(0.8 * c.points().get(1).meanEnergyPj());
  }

  @Test
  void costThresholdTradesStudentsForAccuracyMonotonically() throws Exception {
    Synthetic val = synthetic(1000, 3);
    LearnedGate.Fitted fitted = LearnedGate.fit(val.outputs(), val.g(), new int[] {0, 1}, W, B, new double[] {1, 1});
    double previous = Double.MAX_VALUE;
    for (double lambda : GateCalibrator.LEARNED_THRESHOLDS) {
      GateCalibrator.Point p = GateCalibrator.learned(val.outputs(), W, B, fitted.at(lambda), val.g(), new double[] {1, 1}, 0, 0);
      assertThat(p.meanStudents()).as("lambda %s", lambda).isLessThanOrEqualTo(previous);
      previous = p.meanStudents();
    }
    assertThat(GateCalibrator.learned(val.outputs(), W, B, fitted.at(0), val.g(), new double[] {1, 1}, 0, 0).meanStudents()).isEqualTo(2.0);
    assertThat(previous).as("the largest lambda runs only the first student").isEqualTo(1.0);
  }

  /** Export -> runtime: SneEnsemble runs exactly the students the trainer's gate says, on the features the runtime computes. */
  @Test
  void runtimeRunsTheLearnedGateWithTheTrainersDecisions(@TempDir Path dir) throws Exception {
    Torch.init(1, 21);
    var images = Datasets.fashionMnist(null).test().subset(150, 5);
    StudentInputs in = new StudentInputs(images.pixels(), images.imageSize(), images.labels());
    StudentArch arch = new StudentArch("direct", 1, 28, 28, 3, 4, 3, 2, 1, "sum", 2, 16, 2, 0.9f, 1f, "subtract", "subtract");
    int n = 3;
    int[][] slices = {{0, 1}, {2, 3}, {4, 5}};
    float[] mu = new float[6];
    float[] sd = new float[6];
    Arrays.fill(sd, 1f);
    Random rng = new Random(4);
    float[] headW = new float[10 * 6];
    for (int i = 0; i < headW.length; i++) headW[i] = (float) rng.nextGaussian();
    float[] headB = new float[10];
    try (NDManager m = NDManager.newBaseManager()) {
      List<LifStudent> students = new ArrayList<>();
      for (int s = 0; s < n; s++) students.add(new LifStudent(arch, m, 200 + s, LifStudent.Surrogate.FAST_SIGMOID, 5f, 2.5f));
      Path file = dir.resolve("gate.safetensors");
      Map<String, Object> input = InputEncoder.direct(1, 28, 28, 3).inputSpec();
      Map<String, Object> provisional = new LinkedHashMap<>(Map.of("policy", "fixed-k", "order", new int[] {0, 1, 2}, "k", 3, "pareto", List.of()));
      ModelExport.write(file, new ModelExport.Parts("gate", Datasets.FASHION_LABELS, input, students, "sequential", slices, mu, sd, headW, headB,
          provisional, Map.of("name", "none", "macs", 1000), Map.of("seed", 1)));
      int[] order = {2, 0, 1};
      float[][] g = RuntimeGateFeatures.of(file, in, order[0]);
      StudentOutputs outs = runtimeOutputs(file, in, slices, mu);
      LearnedGate.Fitted fitted = LearnedGate.fit(outs, g, order, headW, headB, new double[] {1, 1, 1});
      // cut where the second student runs for about half the inputs, so the check sees both decisions
      double[] z = Arrays.stream(g).mapToDouble(x -> fitted.byStudent()[order[1]].logit(x)).sorted().toArray();
      double median = z[z.length / 2];
      LearnedGate gate = fitted.at(1 / (1 + Math.exp(-median)) / fitted.relativeCost()[order[1]]);

      Map<String, Object> gateSpec = new LinkedHashMap<>();
      gateSpec.put("policy", "learned");
      gateSpec.put("order", order);
      gateSpec.put("k", 3);
      gateSpec.put("pareto", List.of());
      ModelExport.write(file, new ModelExport.Parts("gate", Datasets.FASHION_LABELS, input, students, "sequential", slices, mu, sd, headW, headB,
          gateSpec, Map.of("name", "none", "macs", 1000), Map.of("seed", 1), gate));
      SneModel model = SneModel.load(file);
      assertThat(model.manifest().gate().policy()).isEqualTo(GateSpec.LEARNED);
      SneEnsemble ens = SneEnsemble.of(model);
      int[] counts = new int[n + 1];
      for (int i = 0; i < in.size(); i++) {
        int[] predicted = gate.studentsToRun(g[i]);
        Decision d = ens.classify(in.row(i));
        assertThat(d.studentsRun()).as("sample %d", i).containsExactly(predicted);
        counts[predicted.length]++;
      }
      assertThat(counts[1]).as("inputs where only the first student ran").isPositive();
      assertThat(counts[2] + counts[3]).as("inputs where the gate called more").isPositive();
      for (LifStudent s : students) s.close();
    }
  }

  private static StudentOutputs runtimeOutputs(Path file, StudentInputs in, int[][] slices, float[] mu) throws Exception {
    SneEnsemble ens = SneEnsemble.of(SneModel.load(file));
    float[][] per = new float[slices.length][in.size() * 2];
    for (int i = 0; i < in.size(); i++) {
      var runs = RuntimeInputs.runStudents(ens, in, i);
      for (int s = 0; s < slices.length; s++) System.arraycopy(runs.run(s).output(), 0, per[s], i * 2, 2);
    }
    return new StudentOutputs(per, slices, mu, in.labels());
  }
}
