package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.runtime.model.SafetensorsFile;
import io.sne.runtime.model.Tensor;
import io.sne.train.data.NpyFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading an imported teacher: files checked against the dataset's split sizes and class count, with errors that say what to fix. */
class ImportedTeacherTest {
  @TempDir Path dir;

  private static final int CLASSES = 3;
  private static final int DIM = 2;

  @Test
  void loadsFeaturesAndAHeadUnderACommonTensorName() throws Exception {
    TrainConfig.Teacher t = files(5, 4, head("fc.weight", "fc.bias", CLASSES, DIM));
    ImportedTeacher it = ImportedTeacher.load(t, 5, 4, CLASSES);
    assertThat(it.dim()).isEqualTo(DIM);
    assertThat(it.macs()).isEqualTo(1234);
    assertThat(it.headWeight()).hasSize(CLASSES * DIM);
    // rows are picked by sample index: row 3 of the training file is sample 3
    assertThat(ImportedTeacher.rows(it.trainFeatures(), new int[] {3, 0})).containsExactly(6f, 7f, 0f, 1f);
  }

  @Test
  void namedTensorsOverrideTheCommonNames() throws Exception {
    TrainConfig.Teacher t = files(5, 4, head("proj.w", "proj.b", CLASSES, DIM));
    assertThatThrownBy(() -> ImportedTeacher.load(t, 5, 4, CLASSES)).hasMessageContaining("no tensor named weight or head.weight")
        .hasMessageContaining("[proj.b, proj.w]").hasMessageContaining("teacher.headWeight");
    t.headWeight = "proj.w";
    t.headBias = "proj.b";
    assertThat(ImportedTeacher.load(t, 5, 4, CLASSES).headBias()).containsExactly(0.5f, 1.5f, 2.5f);
  }

  @Test
  void rowCountsMustMatchTheDatasetSplits() throws Exception {
    TrainConfig.Teacher t = files(5, 4, head("weight", "bias", CLASSES, DIM));
    assertThatThrownBy(() -> ImportedTeacher.load(t, 6, 4, CLASSES)).hasMessageContaining("train.npy").hasMessageContaining("5 rows")
        .hasMessageContaining("training split has 6 samples");
    assertThatThrownBy(() -> ImportedTeacher.load(t, 5, 9, CLASSES)).hasMessageContaining("test.npy").hasMessageContaining("test split has 9");
  }

  @Test
  void theHeadMustMatchClassesAndFeatureDims() throws Exception {
    TrainConfig.Teacher t = files(5, 4, head("weight", "bias", CLASSES, DIM + 1));
    assertThatThrownBy(() -> ImportedTeacher.load(t, 5, 4, CLASSES)).hasMessageContaining("head.safetensors").hasMessageContaining("[3, 3]")
        .hasMessageContaining("expected [3, 2]");
  }

  @Test
  void macsAreRequiredAndFineTuningIsRefused() throws Exception {
    TrainConfig.Teacher t = files(5, 4, head("weight", "bias", CLASSES, DIM));
    t.macs = 0;
    assertThatThrownBy(() -> ImportedTeacher.load(t, 5, 4, CLASSES)).hasMessageContaining("teacher.macs is required");
    t.macs = 10;
    t.sliceDropoutEpochs = 1;
    assertThatThrownBy(() -> ImportedTeacher.load(t, 5, 4, CLASSES)).hasMessageContaining("sliceDropoutEpochs");
  }

  @Test
  void nonFiniteFeaturesAreNamedByRowAndColumn() throws Exception {
    TrainConfig.Teacher t = files(5, 4, head("weight", "bias", CLASSES, DIM));
    float[] v = new float[8];
    v[5] = Float.NaN;
    NpyFiles.writeFloat32(dir.resolve("test.npy"), 4, DIM, v);
    assertThatThrownBy(() -> ImportedTeacher.load(t, 5, 4, CLASSES)).hasMessageContaining("test.npy").hasMessageContaining("row 2, column 1");
  }

  private TrainConfig.Teacher files(int trainRows, int testRows, Path head) throws Exception {
    TrainConfig.Teacher t = new TrainConfig.Teacher();
    t.kind = "imported";
    t.trainFeatures = NpyFiles.writeFloat32(dir.resolve("train.npy"), trainRows, DIM, ramp(trainRows * DIM)).toString();
    t.testFeatures = NpyFiles.writeFloat32(dir.resolve("test.npy"), testRows, DIM, ramp(testRows * DIM)).toString();
    t.head = head.toString();
    t.macs = 1234;
    return t;
  }

  private Path head(String weightName, String biasName, int classes, int dim) throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put(weightName, new Tensor(weightName, new int[] {classes, dim}, ramp(classes * dim)));
    float[] b = new float[classes];
    for (int i = 0; i < classes; i++) b[i] = i + 0.5f;
    tensors.put(biasName, new Tensor(biasName, new int[] {classes}, b));
    Path f = dir.resolve("head.safetensors");
    SafetensorsFile.write(f, Map.of(), tensors);
    return f;
  }

  private static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = i;
    return v;
  }
}
