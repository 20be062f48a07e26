package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sne.runtime.model.SneModel;
import io.sne.train.data.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sne eval --teacher DIR` on a tiny quick-trained direct model: teacher curves under the same noise, and the verdicts. */
class EvalTeacherTest {
  @Test
  void reportsTheTeacherUnderTheSameNoiseAndSaysWhoLosesLess(@TempDir Path dir) throws Exception {
    TrainConfig c = TrainPipelineTest.tiny(dir);
    c.dataset.testLimit = 200;
    c.teacher.epochs = 2; // a teacher worth comparing against
    c.gate.policy = "learned";
    TrainPipeline.Result r = new TrainPipeline(c, InputEncoder.direct(1, 28, 28, 3), TrainPipelineTest.meter()).run(Datasets.fashionMnist(null));
    double trainingTeacherAccuracy = SneModel.load(r.model()).manifest().teacher().accuracy();

    Path report = dir.resolve("report");
    Map<String, Object> json = EvalReport.write(r.model(), report, null, null, 0, 200, null, Path.of(c.workDir));

    @SuppressWarnings("unchecked")
    Map<String, Object> teacher = (Map<String, Object>) json.get("teacher");
    double measured = (double) teacher.get("measuredAccuracy");
    assertThat(teacher.get("checkpoint").toString()).endsWith("teacher-e2.ckpt");
    assertThat(measured).as("the loaded checkpoint on the same 200 test images is the teacher training measured").isCloseTo(trainingTeacherAccuracy, within(1.0 / 200));
    String md = Files.readString(report.resolve("report.md"));
    for (String kind : List.of("gaussian", "salt-pepper", "occlusion")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) ((Map<String, Object>) json.get("noise")).get(kind);
      double[] sne = (double[]) m.get("sneAccuracy");
      double[] t = (double[]) m.get("teacherAccuracy");
      assertThat(t[0]).as("%s level 0 is the clean input", kind).isEqualTo(measured);
      assertThat(t[t.length - 1]).as("the strongest %s hurts the teacher", kind).isLessThan(t[0]);
      double sneDrop = 100 * ((sne[0] - sne[1]) + (sne[0] - sne[2]) + (sne[0] - sne[3])) / 3;
      double teacherDrop = 100 * ((t[0] - t[1]) + (t[0] - t[2]) + (t[0] - t[3])) / 3;
      assertThat((double) m.get("sneMeanDropPoints")).isCloseTo(sneDrop, within(1e-9));
      assertThat((double) m.get("teacherMeanDropPoints")).isCloseTo(teacherDrop, within(1e-9));
      String verdict = String.format(java.util.Locale.ROOT, "SNE loses less accuracy than the teacher under %s noise: **%s** by %.1f points",
          kind, sneDrop < teacherDrop ? "yes" : "no", Math.abs(teacherDrop - sneDrop));
      assertThat(md).contains(verdict);
      assertThat(report.resolve("noise-" + kind + ".png")).isRegularFile();
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> configs = (List<Map<String, Object>>) json.get("configurations");
    assertThat(configs).anySatisfy(row -> assertThat(row.get("configuration").toString()).startsWith("gate learned"));

    assertThatThrownBy(() -> EvalReport.write(r.model(), dir.resolve("r2"), null, null, 50, 10, null, dir))
        .hasMessageContaining("no teacher-e2.ckpt").hasMessageContaining("checkpoints there: none");

    // beyond the training run's 200-image subset: 400 of the whole test split, the teacher measured again on the same 400
    Map<String, Object> whole = EvalReport.write(r.model(), dir.resolve("whole"), null, null, 400, 10, null, Path.of(c.workDir), List.of(), true);
    @SuppressWarnings("unchecked")
    Map<String, Object> wholeTeacher = (Map<String, Object>) whole.get("teacher");
    assertThat(whole.get("samples")).as("more than the subset's 200: --limit alone only shortens it").isEqualTo(400);
    assertThat(whole.get("testSet")).isEqualTo("all");
    assertThat(json.get("testSet")).isEqualTo("training subset of 200");
    assertThat((double) wholeTeacher.get("accuracy")).as("the compared teacher accuracy is the one on these 400").isEqualTo((double) wholeTeacher.get("measuredAccuracy"));
    assertThatThrownBy(() -> EvalReport.write(r.model(), dir.resolve("r3"), null, null, 0, 10, null, null, List.of(), true))
        .hasMessageContaining("--teacher").hasMessageContaining("200-sample test subset");
  }
}
