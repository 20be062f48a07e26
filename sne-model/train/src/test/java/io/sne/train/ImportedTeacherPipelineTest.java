package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sne.runtime.model.SafetensorsFile;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.Tensor;
import io.sne.train.data.Datasets;
import io.sne.train.data.NpyFiles;
import io.sne.train.nn.TeacherCnn;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in teacher exported the way a user exports a foundation model (features of the whole
 * training and test splits as .npy in file order, the head as safetensors) and imported again: the
 * pipeline must see the same teacher, so the same test accuracy and the same partition.
 */
class ImportedTeacherPipelineTest {
  @Test
  void anExportedBuiltinTeacherImportsToTheSameAccuracyAndPartition(@TempDir Path dir) throws Exception {
    Datasets.Split data = Datasets.fashionMnist(null);
    TrainConfig builtin = TrainPipelineTest.tiny(dir.resolve("builtin"));
    TrainPipeline.Result b = new TrainPipeline(builtin, InputEncoder.direct(1, 28, 28, 3), TrainPipelineTest.meter()).run(data);

    TeacherCnn.Arch arch = new TeacherCnn.Arch(1, 28, 28, builtin.teacher.conv1, builtin.teacher.conv2, builtin.teacher.hidden,
        builtin.teacher.featureDim, 10);
    TrainConfig imported = TrainPipelineTest.tiny(dir.resolve("imported"));
    imported.teacher.kind = "imported";
    try (NDManager m = NDManager.newBaseManager(); TeacherCnn t = new TeacherCnn(arch, m, 0)) {
      t.params().load(Path.of(builtin.workDir).resolve("teacher-e1.ckpt"));
      int d = arch.featureDim();
      imported.teacher.trainFeatures = NpyFiles.writeFloat32(dir.resolve("train.npy"), data.train().size(), d,
          TeacherTrainer.features(t, data.train(), 256)).toString();
      imported.teacher.testFeatures = NpyFiles.writeFloat32(dir.resolve("test.npy"), data.test().size(), d,
          TeacherTrainer.features(t, data.test(), 256)).toString();
      Map<String, Tensor> head = new LinkedHashMap<>();
      head.put("head.weight", new Tensor("head.weight", new int[] {10, d}, t.params().values("head.weight")));
      head.put("head.bias", new Tensor("head.bias", new int[] {10}, t.params().values("head.bias")));
      SafetensorsFile.write(dir.resolve("head.safetensors"), Map.of(), head);
      imported.teacher.head = dir.resolve("head.safetensors").toString();
      imported.teacher.macs = arch.macs();
    }
    TrainPipeline.Result i = new TrainPipeline(imported, InputEncoder.direct(1, 28, 28, 3), TrainPipelineTest.meter()).run(data);

    ObjectMapper json = new ObjectMapper();
    Map<?, ?> bt = (Map<?, ?>) b.summary().get("teacher");
    Map<?, ?> it = (Map<?, ?>) i.summary().get("teacher");
    assertThat((double) it.get("testAccuracy")).as("imported teacher accuracy").isEqualTo((double) bt.get("testAccuracy"));
    assertThat(it.get("variant")).isEqualTo("imported");
    assertThat(json.writeValueAsString(((Map<?, ?>) i.summary().get("partition")).get("slices")))
        .isEqualTo(json.writeValueAsString(((Map<?, ?>) b.summary().get("partition")).get("slices")));
    SneModel model = SneModel.load(i.model());
    assertThat(model.studentCount()).isEqualTo(4);
    assertThat(model.teacherMacs()).isEqualTo(arch.macs());
  }
}
