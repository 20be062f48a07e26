package io.sne.train;

import io.sne.runtime.model.SafetensorsFile;
import io.sne.runtime.model.Tensor;
import io.sne.train.data.NpyFloatMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A teacher brought in from outside (a foundation model run elsewhere): its per-sample features
 * f for the dataset's training and test splits (.npy float32 [N, D], row i = sample i of the
 * split in the dataset's file order) and its linear head h(f) = W f + b (safetensors, W [C, D],
 * b [C]). Everything downstream of the teacher only needs f and (W, b), so partitioning,
 * distillation, the head and the gate work unchanged. Its MACs per input are given by the user.
 */
public record ImportedTeacher(NpyFloatMatrix trainFeatures, NpyFloatMatrix testFeatures, float[] headWeight, float[] headBias, long macs) {
  /** Tensor names tried, in order, when the config does not name the head's tensors. */
  static final List<String> WEIGHT_NAMES = List.of("weight", "head.weight", "fc.weight", "classifier.weight", "linear.weight");

  public int dim() {
    return trainFeatures.cols();
  }

  /** Loads and checks the files against the dataset's split sizes and class count. */
  public static ImportedTeacher load(TrainConfig.Teacher t, int trainSamples, int testSamples, int classes) throws IOException {
    if (t.macs <= 0) {
      throw new IllegalArgumentException("teacher.macs is required for teacher.kind imported: the imported model's multiply-accumulates "
          + "per input (the energy ratio is priced from it)");
    }
    if (t.sliceDropoutEpochs > 0) {
      throw new IllegalArgumentException("teacher.sliceDropoutEpochs needs the teacher network; an imported teacher is given as features "
          + "only (set it to 0)");
    }
    NpyFloatMatrix train = NpyFloatMatrix.read(required(t.trainFeatures, "teacher.trainFeatures"));
    NpyFloatMatrix test = NpyFloatMatrix.read(required(t.testFeatures, "teacher.testFeatures"));
    checkRows(train, trainSamples, t.trainFeatures, "training");
    checkRows(test, testSamples, t.testFeatures, "test");
    if (test.cols() != train.cols()) {
      throw new IOException(t.testFeatures + ": " + test.cols() + " feature dims, but " + t.trainFeatures + " has " + train.cols());
    }
    checkFinite(train, t.trainFeatures);
    checkFinite(test, t.testFeatures);
    Path headFile = required(t.head, "teacher.head");
    Map<String, Tensor> tensors = SafetensorsFile.read(headFile).tensors();
    Tensor w = tensor(tensors, t.headWeight, WEIGHT_NAMES, headFile, "teacher.headWeight");
    Tensor b = tensor(tensors, t.headBias, WEIGHT_NAMES.stream().map(n -> n.replace("weight", "bias")).toList(), headFile, "teacher.headBias");
    int d = train.cols();
    if (w.shape().length != 2 || w.shape()[0] != classes || w.shape()[1] != d) {
      throw new IOException(headFile + ": tensor " + w.name() + " has shape " + java.util.Arrays.toString(w.shape()) + ", expected [" + classes
          + ", " + d + "] (classes of the dataset, feature dims of the .npy files)");
    }
    if (b.shape().length != 1 || b.shape()[0] != classes) {
      throw new IOException(headFile + ": tensor " + b.name() + " has shape " + java.util.Arrays.toString(b.shape()) + ", expected [" + classes + "]");
    }
    return new ImportedTeacher(train, test, w.data(), b.data(), t.macs);
  }

  /** The feature rows of the given samples, row-major [indices.length][D]. */
  public static float[] rows(NpyFloatMatrix m, int[] indices) {
    float[] out = new float[indices.length * m.cols()];
    for (int i = 0; i < indices.length; i++) System.arraycopy(m.values(), indices[i] * m.cols(), out, i * m.cols(), m.cols());
    return out;
  }

  private static Path required(String path, String key) {
    if (path == null || path.isBlank()) throw new IllegalArgumentException(key + " is required for teacher.kind imported (see docs/training.md)");
    return Path.of(path);
  }

  private static void checkRows(NpyFloatMatrix m, int samples, String file, String split) throws IOException {
    if (m.rows() != samples) {
      throw new IOException(file + ": " + m.rows() + " rows, but the dataset's " + split + " split has " + samples
          + " samples (row i must be sample i of the split, in file order)");
    }
  }

  private static void checkFinite(NpyFloatMatrix m, String file) throws IOException {
    for (int i = 0; i < m.values().length; i++) {
      if (!Float.isFinite(m.values()[i])) {
        throw new IOException(file + ": non-finite value " + m.values()[i] + " at row " + i / m.cols() + ", column " + i % m.cols());
      }
    }
  }

  private static Tensor tensor(Map<String, Tensor> tensors, String named, List<String> candidates, Path file, String key) throws IOException {
    List<String> tried = named != null ? List.of(named) : candidates;
    for (String n : tried) {
      if (tensors.containsKey(n)) return tensors.get(n);
    }
    throw new IOException(file + ": no tensor named " + String.join(" or ", tried) + " (the file has " + tensors.keySet() + "); name it with " + key);
  }
}
