package io.sne.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.sne.runtime.model.SneModel;
import io.sne.train.nn.Batch;
import io.sne.train.nn.TeacherCnn;
import io.sne.train.nn.Torch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The model's teacher, loaded from its checkpoint directory for {@code sne eval --teacher DIR}, so
 * its accuracy can be measured under the same corrupted inputs as the SNE. The model file does not
 * hold the teacher; its architecture comes from the model's provenance (the training config), its
 * weights from {@code teacher-eN.ckpt} (N = teacher.epochs), or {@code teacher-ft-eN.ckpt} when the
 * model was distilled from the slice-dropout fine-tuned teacher.
 */
public final class EvalTeacher implements AutoCloseable {
  private final NDManager manager;
  private final TeacherCnn teacher;
  private final Path checkpoint;

  private EvalTeacher(NDManager manager, TeacherCnn teacher, Path checkpoint) {
    this.manager = manager;
    this.teacher = teacher;
    this.checkpoint = checkpoint;
  }

  /**
   * @param channels, height, width what the teacher reads: the image, or for recorded events the summed event frame (2 x H x W)
   */
  public static EvalTeacher load(SneModel model, Path dir, int channels, int height, int width) throws IOException {
    JsonNode prov = model.manifest().provenance();
    JsonNode cfg = prov == null ? null : prov.get("config");
    JsonNode t = cfg == null ? null : cfg.get("teacher");
    if (t == null) throw new IOException("model " + model.name() + " has no provenance.config.teacher: cannot rebuild its teacher's architecture");
    if (!Files.isDirectory(dir)) throw new IOException("--teacher " + dir + ": not a directory (expected the teacher's checkpoint directory, e.g. .sne/train/teacher-fmnist)");
    int epochs = t.get("epochs").asInt();
    int ftEpochs = t.hasNonNull("sliceDropoutEpochs") ? t.get("sliceDropoutEpochs").asInt() : 0;
    Path ckpt = ftEpochs > 0 && Files.isRegularFile(dir.resolve("teacher-ft-e" + ftEpochs + ".ckpt"))
        ? dir.resolve("teacher-ft-e" + ftEpochs + ".ckpt") : dir.resolve("teacher-e" + epochs + ".ckpt");
    if (!Files.isRegularFile(ckpt)) {
      String found;
      try (Stream<Path> s = Files.list(dir)) {
        found = String.join(", ", s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ckpt")).sorted().toList());
      }
      throw new IOException("--teacher " + dir + ": no " + ckpt.getFileName() + " (the model's teacher trained " + epochs + " epochs"
          + (ftEpochs > 0 ? ", fine-tuned " + ftEpochs : "") + "); checkpoints there: " + (found.isEmpty() ? "none" : found));
    }
    Torch.init(cfg.hasNonNull("threads") ? cfg.get("threads").asInt() : 1, cfg.get("seed").asLong());
    TeacherCnn.Arch arch = new TeacherCnn.Arch(channels, height, width, t.get("conv1").asInt(), t.get("conv2").asInt(), t.get("hidden").asInt(),
        t.get("featureDim").asInt(), model.manifest().head().classes());
    NDManager manager = NDManager.newBaseManager();
    TeacherCnn teacher = new TeacherCnn(arch, manager, 0);
    Map<String, long[]> expected = new LinkedHashMap<>();
    teacher.params().all().forEach((name, v) -> expected.put(name, v.getShape().getShape()));
    teacher.params().load(ckpt);
    for (var e : expected.entrySet()) {
      long[] got = teacher.params().get(e.getKey()).getShape().getShape();
      if (!java.util.Arrays.equals(got, e.getValue())) {
        manager.close();
        throw new IOException(ckpt + ": " + e.getKey() + " has shape " + java.util.Arrays.toString(got) + " but model " + model.name()
            + "'s teacher needs " + java.util.Arrays.toString(e.getValue()) + " (a checkpoint of another teacher?)");
      }
    }
    return new EvalTeacher(manager, teacher, ckpt);
  }

  public Path checkpoint() {
    return checkpoint;
  }

  public long macs() {
    return teacher.arch().macs();
  }

  /** Accuracy of head(f(x)) over n inputs, input i given by inputOf. */
  public double accuracy(IntFunction<float[]> inputOf, int[] labels, int n) {
    TeacherCnn.Arch a = teacher.arch();
    int size = a.channels() * a.height() * a.width();
    int ok = 0;
    for (int from = 0; from < n; from += 256) {
      int to = Math.min(n, from + 256);
      float[] x = new float[(to - from) * size];
      for (int i = from; i < to; i++) System.arraycopy(inputOf.apply(i), 0, x, (i - from) * size, size);
      try (NDManager m = manager.newSubManager()) {
        NDArray batch = Batch.rows(m, x, size, null, 0, to - from, a.channels(), a.height(), a.width());
        int[] predicted = teacher.head(teacher.features(batch)).argMax(1).toType(DataType.INT32, false).toIntArray();
        for (int i = 0; i < predicted.length; i++) if (predicted[i] == labels[from + i]) ok++;
      }
    }
    return n == 0 ? 0 : ok / (double) n;
  }

  @Override
  public void close() {
    teacher.close();
    manager.close();
  }
}
