package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.model.SneModel;
import io.sne.train.data.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny end-to-end run: the model loads in the runtime, is a valid ensemble, and a rerun resumes instead of retraining. */
class TrainPipelineTest {
  @Test
  @SuppressWarnings("unchecked")
  void trainsExportsAndResumesFromCheckpoints(@TempDir Path dir) throws Exception {
    TrainConfig c = tiny(dir);
    Datasets.Split data = Datasets.fashionMnist(null);
    TrainPipeline.Result first = new TrainPipeline(c, InputEncoder.direct(1, 28, 28, 3), meter()).run(data);

    SneModel model = SneModel.load(first.model());
    assertThat(model.studentCount()).isEqualTo(4);
    List<int[]> slices = model.manifest().partition().slices();
    int[] all = slices.stream().flatMapToInt(Arrays::stream).sorted().toArray();
    assertThat(all).as("slices are disjoint and cover every dimension").containsExactly(java.util.stream.IntStream.range(0, 16).toArray());
    var pareto = model.manifest().gate().pareto();
    assertThat(pareto).isNotEmpty();
    for (int i = 1; i < pareto.size(); i++) {
      assertThat(pareto.get(i).meanEnergyPj()).isGreaterThanOrEqualTo(pareto.get(i - 1).meanEnergyPj());
      assertThat(pareto.get(i).accuracy()).isGreaterThan(pareto.get(i - 1).accuracy());
    }
    // all four students through the runtime beat chance by far even after one tiny epoch
    SneEnsemble ens = SneEnsemble.of(model);
    var test = data.test().subset(200, 9);
    int ok = 0;
    for (int i = 0; i < test.size(); i++) if (ens.classifyWithStudents(test.image(i), 4).predictedClass() == test.labels()[i]) ok++;
    assertThat(ok / 200.0).isGreaterThan(0.45);

    // sne eval runs every cascade / fixed-k point of the stored front on the test set; the deployed one must give the gate's own row
    Map<String, Object> report = EvalReport.write(first.model(), dir.resolve("report"), null, null, 200, 10, null);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> onTest = (List<Map<String, Object>>) report.get("paretoTest");
    assertThat(onTest).hasSize(pareto.size());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> configs = (List<Map<String, Object>>) report.get("configurations");
    Map<String, Object> gateRow = configs.get(configs.size() - 1);
    var deployed = model.manifest().gate();
    Map<String, Object> same = onTest.stream().filter(p -> deployed.policy().equals(p.get("policy"))
        && (deployed.confidence() == null || deployed.confidence().equals(p.get("threshold")))
        && (deployed.k() == null || deployed.k().equals(p.get("k")))).findFirst().orElseThrow();
    assertThat(same.get("accuracy")).isEqualTo(gateRow.get("accuracy"));
    assertThat(same.get("energyPj")).isEqualTo(gateRow.get("energyPj"));
    assertThat(onTest).filteredOn(p -> "fixed-k".equals(p.get("policy")) || "cascade".equals(p.get("policy")))
        .allSatisfy(p -> assertThat((double) p.get("accuracy")).isBetween(0.0, 1.0));
    assertThat(Files.readString(dir.resolve("report/report.md"))).contains("accuracy (test)");

    String log = Files.readString(dir.resolve("work/train.log"));
    long epochLines = log.lines().filter(l -> l.matches(".*(teacher|student\\d) epoch .*")).count();
    TrainPipeline.Result second = new TrainPipeline(tiny(dir), InputEncoder.direct(1, 28, 28, 3), meter()).run(data);
    String log2 = Files.readString(dir.resolve("work/train.log"));
    assertThat(log2.lines().filter(l -> l.matches(".*(teacher|student\\d) epoch .*")).count())
        .as("the rerun resumed from checkpoints: no teacher or student epoch ran again").isEqualTo(epochLines);
    assertThat(SneModel.load(second.model()).sha256()).as("and produced the same weights").isEqualTo(model.sha256());
    assertThat((List<Object>) first.summary().get("resumedFromCheckpoints")).as("the first run trained every stage").isEmpty();
    assertThat((List<Object>) second.summary().get("resumedFromCheckpoints")).as("the summary says which stages were only loaded")
        .containsExactly("teacher", "student0", "student1", "student2", "student3");
    assertThat(TrainingTables.markdown(second.summary(), 1e6)).contains("Resumed: teacher, student0, student1, student2, student3");
    assertThat(TrainingTables.markdown(first.summary(), 1e6)).doesNotContain("Resumed");
  }

  @Test
  void studentAugmentationWithoutTheTeachersImagesIsRefusedBeforeAnyStageRuns(@TempDir Path dir) {
    TrainConfig c = tiny(dir);
    c.teacher.kind = "imported";
    c.student.augmentFlip = true;
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new TrainPipeline(c, InputEncoder.direct(1, 28, 28, 3), meter()).run(Datasets.fashionMnist(null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("builtin teacher and direct encoding");
    assertThat(dir.resolve("work")).as("nothing ran").doesNotExist();
  }

  @Test
  void eventNoiseOnImagesIsRefusedBeforeAnyStageRuns(@TempDir Path dir) {
    TrainConfig c = tiny(dir);
    c.student.eventNoise.probability = 0.5;
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new TrainPipeline(c, InputEncoder.direct(1, 28, 28, 3), meter()).run(Datasets.fashionMnist(null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("student.eventNoise needs events encoding");
    c.student.eventNoise.maxDrop = 2;
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new TrainPipeline(c, InputEncoder.direct(1, 28, 28, 3), meter()).run(Datasets.fashionMnist(null)))
        .hasMessageContaining("student.eventNoise.maxDrop must be in [0, 1.0], got 2.0");
    assertThat(dir.resolve("work")).as("nothing ran").doesNotExist();
  }

  static TrainConfig tiny(Path dir) {
    TrainConfig c = new TrainConfig();
    c.workDir = dir.resolve("work").toString();
    c.output = dir.resolve("m.safetensors").toString();
    c.dataset.trainLimit = 1200;
    c.dataset.testLimit = 300;
    c.dataset.validation = 300;
    c.teacher.conv1 = 4;
    c.teacher.conv2 = 8;
    c.teacher.hidden = 32;
    c.teacher.featureDim = 16;
    c.teacher.epochs = 1;
    c.student.timeSteps = 3;
    c.student.epochs = 1;
    c.student.convChannels = 4;
    c.student.hidden = 32;
    c.head.epochs = 3;
    c.baseline.annEpochs = 0;
    return c;
  }

  static EnergyMeter meter() {
    return new RuntimeEnergyMeter(io.sne.runtime.energy.EnergyProfile.HOROWITZ45_FP32, 50);
  }
}
