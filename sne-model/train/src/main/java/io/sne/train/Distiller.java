package io.sne.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.sne.train.nn.Batch;
import io.sne.train.nn.LifStudent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;

/**
 * Trains one student to regress its slice of the teacher feature, in standardised units
 * ((f - mu) / sd per dimension, so every dimension weighs the same in the MSE); the export folds
 * sd and mu back into the readout. Loss = MSE + rateWeight * mean firing rate
 * (+ kdWeight * tau^2 * KL of the head's softmax with the slice replaced by the student's output).
 */
public final class Distiller {
  /** Loss weights and optimisation settings; cosine decays the learning rate per epoch (as the teacher's recipe). */
  public record Settings(int epochs, int batchSize, float learningRate, float rateWeight, float kdWeight, float kdTemperature, long seed,
      boolean cosine) {
    public Settings(int epochs, int batchSize, float learningRate, float rateWeight, float kdWeight, float kdTemperature, long seed) {
      this(epochs, batchSize, learningRate, rateWeight, kdWeight, kdTemperature, seed, false);
    }

    /** The rate of epoch e (0-based) before any rollback's halving. */
    float learningRate(int epoch) {
      return cosine ? (float) (learningRate * (1 + Math.cos(Math.PI * epoch / epochs)) / 2) : learningRate;
    }
  }

  /**
   * Training samples (a fixed, seeded subset) on which the weights each epoch ends with are judged.
   * Why not the epoch's mean training loss: that averages over weights that kept changing. A run
   * (512-wide students, 2026-11-28) logged 0.0655 for an epoch whose end weights gave 0.13: the
   * loss had spiked in its last batches, and the guard kept those weights as the best.
   */
  static final int PROBE_SAMPLES = 2048;

  /** The epoch the student kept (-1 when a finished run was resumed), and its probe MSE (standardised, inference mode). */
  public record Kept(int epoch, double probeMse) {}

  private final TrainLog log;
  private final NonFinite nonFinite;

  public Distiller(TrainLog log, NonFinite nonFinite) {
    this.log = log;
    this.nonFinite = nonFinite;
  }

  /**
   * @param slice dimensions of f this student predicts
   * @param features teacher features [N][D] aligned with inputs
   * @param head head weight [C*D] and bias [C] (only for the KD term; may be null when kdWeight = 0)
   */
  public Kept train(LifStudent student, StudentInputs inputs, float[] features, int dim, int[] slice, float[] mu, float[] sd,
      float[] headWeight, float[] headBias, Settings s, Path checkpointDir, String tag) throws IOException {
    return train(student, DistillData.fixed(inputs, features, dim), dim, slice, mu, sd, headWeight, headBias, s, checkpointDir, tag);
  }

  /** As above, batches (inputs and the teacher's features of them) from {@code data}. */
  public Kept train(LifStudent student, DistillData data, int dim, int[] slice, float[] mu, float[] sd,
      float[] headWeight, float[] headBias, Settings s, Path checkpointDir, String tag) throws IOException {
    int start = resume(student, checkpointDir, tag, s.epochs());
    int n = data.size();
    int[] probe = java.util.Arrays.copyOf(io.sne.train.data.LabelledImages.shuffled(n, s.seed() * 977 + 3), Math.min(n, PROBE_SAMPLES));
    float lrScale = 1f; // halved by every rollback
    student.params().useAdam(s.learningRate(start));
    EpochGuard guard = new EpochGuard();
    java.util.Map<String, float[]> bestWeights = null;
    double lastMse = Double.NaN;
    int rollbacks = 0;
    for (int epoch = start; epoch < s.epochs(); epoch++) {
      java.util.Map<String, float[]> before = student.params().snapshot();
      student.params().setLearningRate(s.learningRate(epoch) * lrScale);
      int[] order = io.sne.train.data.LabelledImages.shuffled(n, s.seed() * 131 + epoch);
      data.startEpoch(epoch);
      double mseSum = 0;
      double rateSum = 0;
      int batches = 0;
      int skipped = 0;
      long t0 = System.nanoTime();
      try (ProgressBar bar = Progress.bar(tag + " epoch " + (epoch + 1) + "/" + s.epochs(), n)) {
        for (int from = 0; from < n; from += s.batchSize()) {
          int to = Math.min(n, from + s.batchSize());
          try (NDManager m = student.params().manager().newSubManager()) {
            float batchMse;
            float batchRate;
            DistillData.TrainingBatch b = data.batch(m, student.arch(), order, from, to);
            NDArray x = b.inputs();
            NDArray y = Batch.create(m, standardisedSlice(b.features(), dim, slice, mu, sd), to - from, slice.length);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              LifStudent.Output out = student.forward(x, true, false);
              NDArray mse = out.readout().sub(y).square().mean();
              NDArray loss = mse.add(out.rate().mul(s.rateWeight()));
              if (s.kdWeight() > 0) {
                loss = loss.add(kd(m, out.readout(), b.features(), dim, slice, mu, sd, headWeight, headBias, s.kdTemperature()).mul(s.kdWeight()));
              }
              if (!nonFinite.check(loss, tag)) continue;
              gc.backward(loss);
              batchMse = mse.getFloat();
              batchRate = out.rate().getFloat();
            }
            if (!student.params().stepIfFinite()) {
              nonFinite.skipped(tag + " gradient");
              skipped++;
              continue;
            }
            mseSum += batchMse;
            rateSum += batchRate;
            batches++;
          }
          bar.stepTo(to);
        }
      }
      double meanMse = mseSum / Math.max(1, batches);
      double rate = rateSum / Math.max(1, batches);
      double mse = probeMse(student, data, probe, dim, slice, mu, sd, s.batchSize());
      log.line("%s epoch %d/%d slice-mse %.4f (standardised; over the epoch %.4f) firing-rate %.4f (%.1f s%s)", tag, epoch + 1, s.epochs(),
          mse, meanMse, rate, (System.nanoTime() - t0) / 1e9, skipped == 0 ? "" : ", " + skipped + " non-finite steps skipped");
      // Divergence that stays finite (seen in runs: slice MSE 0.32 -> 54, and 0.074 -> 0.140 in a last epoch):
      // roll back, halve the rate, redo the epoch.
      if (guard.diverged(mse, rate) && rollbacks < 3) {
        rollbacks++;
        student.params().restore(before);
        lrScale /= 2;
        student.params().useAdam(s.learningRate(epoch) * lrScale);
        log.line("%s epoch %d diverged: restored its starting weights, learning rate now %.2e (rollback %d of 3)", tag, epoch + 1,
            s.learningRate(epoch) * lrScale, rollbacks);
        epoch--;
        continue;
      }
      if (guard.accept(epoch, mse)) {
        bestWeights = epoch + 1 < s.epochs() ? student.params().snapshot() : null; // the last epoch's are the live ones
      }
      lastMse = mse;
      if (checkpointDir != null) student.params().save(checkpointDir.resolve(tag + "-e" + (epoch + 1) + ".ckpt"));
    }
    if (bestWeights != null) {
      student.params().restore(bestWeights);
      log.line("%s keeps epoch %d's weights (slice-mse %.4f; the last epoch's was %.4f)", tag, guard.bestEpoch() + 1,
          guard.best(), lastMse);
    }
    // the weights kept, which need not be the last epoch's: a rerun resumes from these
    if (checkpointDir != null && start < s.epochs()) student.params().save(keptCheckpoint(checkpointDir, tag, s.epochs()));
    if (start >= s.epochs()) {
      return new Kept(-1, probeMse(student, data, probe, dim, slice, mu, sd, s.batchSize())); // a finished run, resumed
    }
    return new Kept(guard.bestEpoch(), guard.best());
  }

  /** Standardised slice MSE of the student's current weights (inference mode) on the probe samples. */
  static double probeMse(LifStudent student, DistillData data, int[] probe, int dim, int[] slice, float[] mu, float[] sd, int batchSize) {
    double sum = 0;
    for (int from = 0; from < probe.length; from += batchSize) {
      int to = Math.min(probe.length, from + batchSize);
      try (NDManager m = student.params().manager().newSubManager()) {
        DistillData.TrainingBatch b = data.plainBatch(m, student.arch(), probe, from, to);
        float[] y = standardisedSlice(b.features(), dim, slice, mu, sd);
        float[] r = student.forward(b.inputs(), false, false).readout().toFloatArray();
        for (int i = 0; i < r.length; i++) {
          double e = r[i] - y[i];
          sum += e * e;
        }
      }
    }
    return sum / ((double) probe.length * slice.length);
  }

  /**
   * tau^2 * KL(softmax(h(f)/tau) || softmax(h(f~)/tau)), f~ = f with the slice replaced by the student's (de-standardised) output;
   * features: the batch's teacher features [rows][dim].
   */
  private static NDArray kd(NDManager m, NDArray pred, float[] features, int dim, int[] slice, float[] mu, float[] sd,
      float[] headWeight, float[] headBias, float tau) {
    int classes = headBias.length;
    int rows = features.length / dim;
    NDArray f = Batch.create(m, features, rows, dim);
    NDArray w = m.create(headWeight, new Shape(classes, dim));
    NDArray bias = m.create(headBias);
    NDArray teacherLogits = f.matMul(w.transpose()).add(bias);
    // logits of f~ = teacher logits - W[:,S] f[S] + W[:,S] (pred*sd + mu)[S]
    float[] wSlice = new float[classes * slice.length];
    float[] sdS = new float[slice.length];
    float[] muS = new float[slice.length];
    for (int j = 0; j < slice.length; j++) {
      sdS[j] = sd[slice[j]];
      muS[j] = mu[slice[j]];
      for (int c = 0; c < classes; c++) wSlice[c * slice.length + j] = headWeight[c * dim + slice[j]];
    }
    NDArray ws = m.create(wSlice, new Shape(classes, slice.length));
    float[] rawSlice = new float[rows * slice.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < slice.length; j++) rawSlice[i * slice.length + j] = features[i * dim + slice[j]];
    }
    NDArray fS = m.create(rawSlice, new Shape(rows, slice.length));
    NDArray fTilde = pred.mul(m.create(sdS)).add(m.create(muS));
    NDArray studentLogits = teacherLogits.sub(fS.matMul(ws.transpose())).add(fTilde.matMul(ws.transpose()));
    NDArray pT = teacherLogits.div(tau).softmax(1);
    NDArray logPS = studentLogits.div(tau).logSoftmax(1);
    NDArray logPT = teacherLogits.div(tau).logSoftmax(1);
    return pT.mul(logPT.sub(logPS)).sum(new int[] {1}).mean().mul(tau * tau);
  }

  static float[] standardisedSlice(float[] features, int dim, int[] slice, float[] mu, float[] sd) {
    int n = features.length / dim;
    float[] out = new float[n * slice.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < slice.length; j++) {
        int d = slice[j];
        out[i * slice.length + j] = sd[d] > 0 ? (features[i * dim + d] - mu[d]) / sd[d] : 0f;
      }
    }
    return out;
  }

  /** The weights an {@code epochs}-epoch run kept (its best epoch's); a longer run resumes from the last epoch instead. */
  static Path keptCheckpoint(Path dir, String tag, int epochs) {
    return dir.resolve(tag + "-kept-of-" + epochs + ".ckpt");
  }

  static int resume(LifStudent student, Path dir, String tag, int epochs) throws IOException {
    if (dir == null) return 0;
    Path kept = keptCheckpoint(dir, tag, epochs);
    if (Files.isRegularFile(kept)) {
      student.params().load(kept);
      return epochs;
    }
    for (int e = epochs; e >= 1; e--) {
      Path p = dir.resolve(tag + "-e" + e + ".ckpt");
      if (Files.isRegularFile(p)) {
        student.params().load(p);
        return e;
      }
    }
    return 0;
  }

  /** The student's de-standardised outputs for every input: [N][slice]. */
  public static float[] predict(LifStudent student, StudentInputs inputs, int[] slice, float[] mu, float[] sd, int batchSize) {
    int n = inputs.size();
    float[] out = new float[n * slice.length];
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      try (NDManager m = student.params().manager().newSubManager()) {
        float[] r = student.forward(inputs.batch(m, student.arch(), null, from, to), false, false).readout().toFloatArray();
        for (int i = 0; i < to - from; i++) {
          for (int j = 0; j < slice.length; j++) {
            out[(from + i) * slice.length + j] = r[i * slice.length + j] * sd[slice[j]] + mu[slice[j]];
          }
        }
      }
    }
    return out;
  }
}
