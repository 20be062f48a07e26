package io.sne.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.sne.train.data.LabelledImages;
import io.sne.train.nn.Batch;
import io.sne.train.nn.Ops;
import io.sne.train.nn.TeacherCnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;

/** Trains the built-in teacher (cross-entropy), optionally fine-tunes it with slice dropout, extracts features. */
public final class TeacherTrainer {
  private final TrainLog log;
  private final NonFinite nonFinite;

  public TeacherTrainer(TrainLog log, NonFinite nonFinite) {
    this.log = log;
    this.nonFinite = nonFinite;
  }

  /**
   * How the teacher is optimised: Adam at learningRate, constant or cosine-decayed per epoch
   * (epoch e of E runs at lr * (1 + cos(pi * e / E)) / 2, so resuming at any epoch keeps the
   * schedule), light augmentation, and dropout on the hidden layer.
   */
  public record Recipe(int epochs, int batchSize, float learningRate, boolean cosine, ImageAugment augment, float dropout) {
    public Recipe {
      if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("teacher.dropout must be in [0, 1), got " + dropout);
    }

    /** Constant learning rate, no augmentation, no dropout. */
    public static Recipe plain(int epochs, int batchSize, float learningRate) {
      return new Recipe(epochs, batchSize, learningRate, false, ImageAugment.NONE, 0f);
    }

    float learningRate(int epoch) {
      return cosine ? (float) (learningRate * (1 + Math.cos(Math.PI * epoch / epochs)) / 2) : learningRate;
    }
  }

  /**
   * Trains for recipe.epochs; resumes from the latest {@code <tag>-eN.ckpt} in checkpointDir.
   * sliceDropout (nullable) replaces each slice of f by its mean with probability p: the fine-tuned variant.
   * Returns how many epochs this call trained (0 when the checkpoints already held them all).
   */
  public int train(TeacherCnn teacher, LabelledImages data, Recipe recipe, long seed, Path checkpointDir, String tag,
      SliceDropout sliceDropout) throws IOException {
    int epochs = recipe.epochs();
    int batchSize = recipe.batchSize();
    int start = resume(teacher, checkpointDir, tag, epochs);
    teacher.params().useAdam(recipe.learningRate());
    int trained = Math.max(0, epochs - start);
    TeacherCnn.Arch a = teacher.arch();
    for (int epoch = start; epoch < epochs; epoch++) {
      int[] order = LabelledImages.shuffled(data.size(), seed * 31 + epoch);
      Random dropRng = new Random(seed * 17 + epoch);
      Random augmentRng = new Random(seed * 13 + epoch);
      teacher.params().setLearningRate(recipe.learningRate(epoch));
      double lossSum = 0;
      int correct = 0;
      int batches = 0;
      long t0 = System.nanoTime();
      try (ProgressBar bar = Progress.bar(tag + " epoch " + (epoch + 1) + "/" + epochs, data.size())) {
        for (int from = 0; from < data.size(); from += batchSize) {
          int to = Math.min(data.size(), from + batchSize);
          try (NDManager m = teacher.params().manager().newSubManager()) {
            float[] pixels = Batch.gather(data.pixels(), data.imageSize(), order, from, to);
            recipe.augment().apply(pixels, to - from, a.channels(), a.height(), a.width(), augmentRng);
            NDArray x = Batch.create(m, pixels, to - from, a.channels(), a.height(), a.width());
            NDArray y = Batch.labels(m, data.labels(), order, from, to);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              NDArray f = teacher.features(x, recipe.dropout(), dropRng);
              if (sliceDropout != null) f = sliceDropout.apply(f, dropRng);
              NDArray logits = teacher.head(f);
              NDArray loss = Ops.crossEntropy(logits, y);
              if (!nonFinite.check(loss, tag)) continue;
              gc.backward(loss);
              lossSum += loss.getFloat();
              correct += (int) logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).eq(y.toType(ai.djl.ndarray.types.DataType.INT32, false)).sum().getLong();
            }
            if (!teacher.params().stepIfFinite()) {
              nonFinite.skipped(tag + " gradient");
              continue;
            }
            batches++;
          }
          bar.stepTo(to);
        }
      }
      log.line("%s epoch %d/%d lr %.5f loss %.4f train-acc %.4f (%.1f s, %d non-finite steps skipped so far)", tag, epoch + 1, epochs,
          recipe.learningRate(epoch), lossSum / Math.max(1, batches), correct / (double) data.size(), (System.nanoTime() - t0) / 1e9,
          nonFinite.count());
      if (checkpointDir != null) teacher.params().save(checkpointDir.resolve(tag + "-e" + (epoch + 1) + ".ckpt"));
    }
    return trained;
  }

  static int resume(TeacherCnn teacher, Path dir, String tag, int epochs) throws IOException {
    if (dir == null) return 0;
    for (int e = epochs; e >= 1; e--) {
      Path p = dir.resolve(tag + "-e" + e + ".ckpt");
      if (Files.isRegularFile(p)) {
        teacher.params().load(p);
        return e;
      }
    }
    return 0;
  }

  /** Teacher features f for every image, row-major [N][D], without gradients. */
  public static float[] features(TeacherCnn teacher, LabelledImages data, int batchSize) {
    TeacherCnn.Arch a = teacher.arch();
    float[] out = new float[data.size() * a.featureDim()];
    for (int from = 0; from < data.size(); from += batchSize) {
      int to = Math.min(data.size(), from + batchSize);
      try (NDManager m = teacher.params().manager().newSubManager()) {
        NDArray x = Batch.rows(m, data.pixels(), data.imageSize(), null, from, to, a.channels(), a.height(), a.width());
        float[] f = teacher.features(x).toFloatArray();
        System.arraycopy(f, 0, out, from * a.featureDim(), f.length);
      }
    }
    return out;
  }

  /** Predicted classes from head(f) for features [N][D]. */
  public static int[] predict(float[] headWeight, float[] headBias, float[] features, int dim) {
    int classes = headBias.length;
    int n = features.length / dim;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestV = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double v = headBias[c];
        for (int d = 0; d < dim; d++) v += headWeight[c * dim + d] * features[i * dim + d];
        if (v > bestV) {
          bestV = v;
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  public static double accuracy(int[] predicted, int[] labels) {
    int ok = 0;
    for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) ok++;
    return labels.length == 0 ? 0 : ok / (double) labels.length;
  }
}
