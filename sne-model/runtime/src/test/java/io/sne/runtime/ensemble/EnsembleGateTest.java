package io.sne.runtime.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sne.runtime.bench.RandomModels;
import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.energy.EnergyProfile;
import io.sne.runtime.model.GateSpec;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.TensorNames;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleGateTest {
  private static EventWindow window(long seed) {
    return RandomModels.events(seed, GatedModels.INPUT, 400, 0);
  }

  @Test
  void fixedKRunsExactlyTheFirstKOfTheOrder() {
    SneModel m = GatedModels.with(GateSpec.fixedK(new int[] {1, 2, 0}, 2));
    Decision d = new SneEnsemble(m, EnergyProfile.HOROWITZ45_FP32).classify(window(1));
    assertThat(d.studentsRun()).containsExactly(1, 2);
    assertThat(d.energy().spikesPerStudent()[0]).isZero();
    assertThat(d.energy().spikesPerStudent()[1] + d.energy().spikesPerStudent()[2]).isPositive();
  }

  @Test
  void cascadeStopsAfterTheFirstStudentWhenAnyConfidenceSuffices() {
    Decision d = new SneEnsemble(GatedModels.with(GatedModels.cascade(0.0)), EnergyProfile.HOROWITZ45_FP32)
        .classify(window(2));
    assertThat(d.studentsRun()).containsExactly(2);
  }

  @Test
  void cascadeRunsEveryStudentWhenConfidenceIsUnreachable() {
    Decision d = new SneEnsemble(GatedModels.with(GatedModels.cascade(1.01)), EnergyProfile.HOROWITZ45_FP32)
        .classify(window(3));
    assertThat(d.studentsRun()).containsExactly(2, 0, 1);
  }

  @Test
  void cascadeStopsExactlyWhereTheHeadFirstReachesTheThreshold() {
    EventWindow w = window(4);
    SneEnsemble probe = new SneEnsemble(GatedModels.with(GateSpec.fixedK(new int[] {2, 0, 1}, 3)),
        EnergyProfile.HOROWITZ45_FP32);
    float c1 = probe.classifyWithStudents(w, 1).confidence();
    float c2 = probe.classifyWithStudents(w, 2).confidence();
    // A threshold just above the first student's confidence but at most the two-student one stops at 2.
    if (c2 > c1) {
      double threshold = (c1 + c2) / 2.0;
      Decision d = new SneEnsemble(GatedModels.with(GatedModels.cascade(threshold)), EnergyProfile.HOROWITZ45_FP32)
          .classify(w);
      assertThat(d.studentsRun()).containsExactly(2, 0);
      assertThat(d.probabilities()).containsExactly(probe.classifyWithStudents(w, 2).probabilities());
    } else {
      double threshold = c1 + 1e-3;
      Decision d = new SneEnsemble(GatedModels.with(GatedModels.cascade(threshold)), EnergyProfile.HOROWITZ45_FP32)
          .classify(w);
      assertThat(d.studentsRun().length).isGreaterThan(1);
    }
  }

  @Test
  void aModelUnderAnotherGateDecidesAsOneBuiltWithThatGate() {
    SneModel stored = GatedModels.with(GatedModels.cascade(1.01));
    for (GateSpec other : List.of(GatedModels.cascade(0.0), GateSpec.fixedK(new int[] {2, 0, 1}, 2))) {
      SneModel swapped = stored.withGate(other);
      assertThat(swapped.sha256()).as("same weights").isEqualTo(stored.sha256());
      for (long seed = 20; seed < 24; seed++) {
        Decision a = new SneEnsemble(swapped, EnergyProfile.HOROWITZ45_FP32).classify(window(seed));
        Decision b = new SneEnsemble(GatedModels.with(other), EnergyProfile.HOROWITZ45_FP32).classify(window(seed));
        assertThat(a.studentsRun()).containsExactly(b.studentsRun());
        assertThat(a.probabilities()).containsExactly(b.probabilities());
        assertThat(a.energy().energyPj()).isEqualTo(b.energy().energyPj());
      }
    }
    assertThat(new SneEnsemble(stored.withGate(GatedModels.cascade(0.0)), EnergyProfile.HOROWITZ45_FP32).classify(window(20)).studentsRun())
        .as("and not as the stored gate").containsExactly(2);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> stored.withGate(new GateSpec(GateSpec.LEARNED, new int[] {0, 1, 2}, null, null, null, List.of())))
        .as("a learned gate needs gate tensors this model lacks").isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLearnedModelUnderACascadeDropsItsGateTensorsAndKeepsItsStudents() {
    SneModel learned = GatedModels.with(new GateSpec(GateSpec.LEARNED, new int[] {2, 0, 1}, null, null, null, List.of()));
    assertThat(learned.tensorNames()).contains(TensorNames.GATE_WEIGHT, TensorNames.GATE_BIAS);
    SneModel cascade = learned.withGate(GatedModels.cascade(0.6));
    assertThat(cascade.tensorNames()).doesNotContain(TensorNames.GATE_WEIGHT, TensorNames.GATE_BIAS);
    assertThat(cascade.sha256()).as("the checksum covers the tensors kept").isNotEqualTo(learned.sha256());
    for (long seed = 30; seed < 33; seed++) {
      Decision a = new SneEnsemble(cascade, EnergyProfile.HOROWITZ45_FP32).classify(window(seed));
      Decision b = new SneEnsemble(GatedModels.with(GatedModels.cascade(0.6)), EnergyProfile.HOROWITZ45_FP32).classify(window(seed));
      assertThat(a.studentsRun()).containsExactly(b.studentsRun());
      assertThat(a.probabilities()).containsExactly(b.probabilities());
    }
  }

  @Test
  void marginCascadeUsesTheTopTwoGap() {
    GateSpec always = new GateSpec(GateSpec.CASCADE, new int[] {0, 1, 2}, null, null, 0.0, List.of());
    GateSpec never = new GateSpec(GateSpec.CASCADE, new int[] {0, 1, 2}, null, null, 1.0, List.of());
    assertThat(new SneEnsemble(GatedModels.with(always), EnergyProfile.LOIHI).classify(window(5)).studentsRun())
        .containsExactly(0);
    assertThat(new SneEnsemble(GatedModels.with(never), EnergyProfile.LOIHI).classify(window(5)).studentsRun())
        .containsExactly(0, 1, 2);
  }

  @Test
  void learnedGateRunsTheFirstStudentThenThoseWithPositiveScore() {
    SneModel base = GatedModels.with(new GateSpec(GateSpec.LEARNED, new int[] {0, 1, 2}, null, null, null, List.of()));
    // Student 1 gets a large positive bias, student 2 a large negative one: the features cannot overturn them.
    SneModel.Builder b = SneModel.builder(base.manifest());
    for (String name : base.tensorNames()) {
      float[] v = base.tensor(name).data();
      if (name.equals(TensorNames.GATE_BIAS)) {
        v = new float[] {0f, 1e6f, -1e6f};
      }
      b.tensor(name, base.tensor(name).shape(), v);
    }
    Decision d = new SneEnsemble(b.build(), EnergyProfile.HOROWITZ45_FP32).classify(window(6));
    assertThat(d.studentsRun()).containsExactly(0, 1);
  }

  @Test
  void gateFeaturesOfAStudentRunAreTheOnesTheLearnedGateDecidesOn() {
    SneModel base = GatedModels.with(new GateSpec(GateSpec.LEARNED, new int[] {0, 1, 2}, null, null, null, List.of()));
    EventWindow w = window(10);
    float[] g = new SneEnsemble(base, EnergyProfile.HOROWITZ45_FP32).gateFeatures(
        new SneEnsemble(base, EnergyProfile.HOROWITZ45_FP32).runStudents(w), 0);
    assertThat(g).hasSize(GateFeatures.COUNT);
    assertThat(g[0]).as("log(1 + input events)").isCloseTo((float) Math.log1p(w.n()), within(1e-5f));
    assertThat(g[3]).as("the first student spiked").isPositive();
    // For each feature, a gate that thresholds student 1 just below / just above the value must run / skip it.
    for (int f = 0; f < GateFeatures.COUNT; f++) {
      for (float delta : new float[] {-1e-3f, 1e-3f}) {
        float[] weight = new float[3 * GateFeatures.COUNT];
        weight[GateFeatures.COUNT + f] = 1f;
        float[] bias = {0f, -(g[f] + delta), -1e6f};
        SneModel.Builder b = SneModel.builder(base.manifest());
        for (String name : base.tensorNames()) {
          float[] v = name.equals(TensorNames.GATE_WEIGHT) ? weight : name.equals(TensorNames.GATE_BIAS) ? bias : base.tensor(name).data();
          b.tensor(name, base.tensor(name).shape(), v);
        }
        Decision d = new SneEnsemble(b.build(), EnergyProfile.HOROWITZ45_FP32).classify(w);
        if (delta < 0) {
          assertThat(d.studentsRun()).as("feature %d just above the threshold", f).containsExactly(0, 1);
        } else {
          assertThat(d.studentsRun()).as("feature %d just below the threshold", f).containsExactly(0);
        }
      }
    }
  }

  @Test
  void headOfAllStudentsEqualsTheDirectLinearHeadOnAssembledFeatures() {
    SneModel m = GatedModels.with(GateSpec.fixedK(new int[] {0, 1, 2}, 3));
    SneEnsemble e = new SneEnsemble(m, EnergyProfile.HOROWITZ45_FP32);
    for (int k = 1; k <= 3; k++) {
      Decision d = e.classifyWithStudents(window(7), k);
      float[] f = d.features();
      float[] w = m.tensor(TensorNames.HEAD_WEIGHT).data();
      float[] bias = m.tensor(TensorNames.HEAD_BIAS).data();
      float[] means = m.tensor(TensorNames.PARTITION_MEANS).data();
      int dim = f.length;
      // Inactive slices hold the means.
      int[] inactive = m.manifest().partition().slices().get(2);
      if (k < 3) {
        for (int dIdx : inactive) {
          assertThat(f[dIdx]).isEqualTo(means[dIdx]);
        }
      }
      double[] logits = new double[bias.length];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < bias.length; c++) {
        logits[c] = bias[c];
        for (int j = 0; j < dim; j++) {
          logits[c] += (double) w[c * dim + j] * f[j];
        }
        max = Math.max(max, logits[c]);
      }
      double sum = 0;
      for (double l : logits) {
        sum += Math.exp(l - max);
      }
      for (int c = 0; c < bias.length; c++) {
        assertThat((double) d.probabilities()[c]).isCloseTo(Math.exp(logits[c] - max) / sum, within(1e-5));
      }
    }
  }

  @Test
  void combiningOneRunOfEveryStudentEqualsRunningEachSubset() {
    SneEnsemble e = new SneEnsemble(GatedModels.with(GatedModels.cascade(0.9)), EnergyProfile.LOIHI);
    EventWindow w = window(9);
    StudentRuns runs = e.runStudents(w);
    int[][] subsets = {{0}, {1}, {2}, {2, 0}, {0, 2}, {1, 2}, {0, 1, 2}, {2, 1, 0}};
    for (int[] subset : subsets) {
      Decision combined = e.combine(runs, subset);
      Decision direct = e.classifyWithStudents(w, subset);
      assertThat(combined.studentsRun()).containsExactly(direct.studentsRun());
      assertThat(combined.probabilities()).containsExactly(direct.probabilities());
      assertThat(combined.features()).containsExactly(direct.features());
      assertThat(combined.energy()).usingRecursiveComparison().isEqualTo(direct.energy());
    }
  }

  @Test
  void energyIsPricedFromTheCountsAndComparedToTheTeacher() {
    SneModel m = GatedModels.with(GateSpec.fixedK(new int[] {0, 1, 2}, 3));
    Decision d = new SneEnsemble(m, EnergyProfile.LOIHI).classify(window(8));
    var r = d.energy();
    double expected = r.macs() * 4.6 + r.synapticOps() * 23.6 + (r.neuronUpdates() - r.activeNeuronUpdates()) * 52.0
        + r.activeNeuronUpdates() * 81.0;
    assertThat(r.energyPj()).isCloseTo(expected, within(1e-6 * expected));
    assertThat(r.teacherEnergyPj()).isEqualTo(19_100_000L * 4.6);
    assertThat(r.energyRatio()).isEqualTo(r.energyPj() / r.teacherEnergyPj());
    assertThat(r.profile()).isEqualTo("loihi");
    // Every neuron of every student is updated once per step: 3 students x (4*12*12 conv + 10 dense) x T=5.
    assertThat(r.neuronUpdates()).isEqualTo(3L * (4 * 12 * 12 + 10) * 5);
  }
}
