package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sne.train.data.Datasets;
import io.sne.train.data.LabelledImages;
import io.sne.train.nn.LifStudent;
import io.sne.train.nn.StudentArch;
import io.sne.train.nn.TeacherCnn;
import io.sne.train.nn.Torch;
import org.junit.jupiter.api.Test;

class DistillerTest {
  /** A finished run kept its best epoch, not necessarily its last: a rerun must resume from the kept weights. */
  @Test
  void aRerunResumesFromTheKeptWeightsNotTheLastEpoch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Torch.init(1, 3);
    StudentArch sa = new StudentArch("direct", 1, 28, 28, 2, 2, 3, 2, 1, "sum", 2, 4, 2, 0.9f, 1f, "subtract", "subtract");
    try (NDManager m = NDManager.newBaseManager();
        LifStudent last = new LifStudent(sa, m, 1, LifStudent.Surrogate.FAST_SIGMOID, 5f, 1.5f);
        LifStudent kept = new LifStudent(sa, m, 2, LifStudent.Surrogate.FAST_SIGMOID, 5f, 1.5f);
        LifStudent rerun = new LifStudent(sa, m, 3, LifStudent.Surrogate.FAST_SIGMOID, 5f, 1.5f)) {
      last.params().save(dir.resolve("student0-e3.ckpt"));
      kept.params().save(Distiller.keptCheckpoint(dir, "student0", 3));
      assertThat(Distiller.resume(rerun, dir, "student0", 3)).isEqualTo(3);
      assertThat(rerun.params().values("layers.0.weight")).containsExactly(kept.params().values("layers.0.weight"));
      assertThat(Distiller.resume(rerun, dir, "student0", 5)).as("a longer run goes on from the last epoch").isEqualTo(3);
      assertThat(rerun.params().values("layers.0.weight")).containsExactly(last.params().values("layers.0.weight"));
    }
  }

  @Test
  void theCosineScheduleDecaysPerEpochAndConstantStays() {
    Distiller.Settings cosine = new Distiller.Settings(4, 64, 0.004f, 0f, 0f, 2f, 1, true);
    assertThat(cosine.learningRate(0)).isEqualTo(0.004f);
    assertThat(cosine.learningRate(2)).isCloseTo(0.002f, org.assertj.core.data.Offset.offset(1e-7f));
    assertThat(cosine.learningRate(3)).isLessThan(cosine.learningRate(2)).isGreaterThan(0f);
    Distiller.Settings constant = new Distiller.Settings(4, 64, 0.004f, 0f, 0f, 2f, 1);
    assertThat(constant.learningRate(3)).isEqualTo(0.004f);
  }

  /**
   * The guard picks an epoch by the MSE of the weights it keeps: recomputed independently on the
   * probe samples, the kept weights give exactly the MSE the guard chose them by. (It used to pick
   * by the epoch's mean training loss, which a run saw at 0.0655 for weights that gave 0.13.)
   */
  @Test
  void theKeptWeightsHaveTheMseTheyWereChosenBy(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Torch.init(1, 4);
    Datasets.Split fm = Datasets.fashionMnist(null);
    LabelledImages train = fm.train().subset(600, 8);
    int dim = 6;
    java.util.Random rng = new java.util.Random(2);
    float[] features = new float[train.size() * dim];
    float[] pixels = train.pixels();
    for (int i = 0; i < train.size(); i++) {
      for (int d = 0; d < dim; d++) {
        // a learnable target: the mean brightness of one band of rows, plus noise
        double band = 0;
        for (int p = d * 112; p < d * 112 + 112; p++) band += pixels[i * 784 + p];
        features[i * dim + d] = (float) (band / 112 + 0.05 * rng.nextGaussian());
      }
    }
    float[] mu = Partition.means(features, dim);
    float[] sd = Partition.stds(features, dim);
    int[] slice = {1, 3, 4};
    StudentArch sa = new StudentArch("direct", 1, 28, 28, 3, 4, 3, 2, 1, "sum", 2, 16, slice.length, 0.9f, 1f, "subtract", "subtract");
    try (NDManager m = NDManager.newBaseManager(); LifStudent s = new LifStudent(sa, m, 5, LifStudent.Surrogate.FAST_SIGMOID, 5f, 1.5f)) {
      StudentInputs inputs = new StudentInputs(pixels, 784, train.labels());
      // a high rate makes the epochs' losses move about, so the kept epoch is not always the last
      Distiller.Settings settings = new Distiller.Settings(3, 32, 0.02f, 0f, 0f, 2f, 3);
      Distiller.Kept kept = new Distiller(new TrainLog(null), new NonFinite(5)).train(s, inputs, features, dim, slice, mu, sd, null, null,
          settings, dir, "student0");
      assertThat(kept.epoch()).isBetween(0, 2);

      int[] probe = java.util.Arrays.copyOf(LabelledImages.shuffled(train.size(), 3 * 977 + 3), train.size());
      float[] probePixels = new float[probe.length * 784];
      float[] probeFeatures = new float[probe.length * dim];
      for (int i = 0; i < probe.length; i++) {
        System.arraycopy(pixels, probe[i] * 784, probePixels, i * 784, 784);
        System.arraycopy(features, probe[i] * dim, probeFeatures, i * dim, dim);
      }
      float[] pred = Distiller.predict(s, new StudentInputs(probePixels, 784, new int[probe.length]), slice, mu, sd, 64);
      double mse = 0;
      for (int i = 0; i < probe.length; i++) {
        for (int j = 0; j < slice.length; j++) {
          double e = (pred[i * slice.length + j] - probeFeatures[i * dim + slice[j]]) / sd[slice[j]];
          mse += e * e;
        }
      }
      mse /= probe.length * slice.length;
      assertThat(mse).isCloseTo(kept.probeMse(), org.assertj.core.data.Offset.offset(1e-4));
      assertThat(mse).as("the student learnt something").isLessThan(1.0);
    }
  }

  @Test
  void aSpikingStudentLearnsItsSliceBetterThanTheMeanOnHeldOutImages() throws Exception {
    Torch.init(1, 3);
    Datasets.Split fm = Datasets.fashionMnist(null);
    LabelledImages train = fm.train().subset(2000, 5);
    LabelledImages test = fm.test().subset(500, 6);
    TeacherCnn.Arch arch = new TeacherCnn.Arch(1, 28, 28, 8, 16, 64, 16, 10);
    try (NDManager m = NDManager.newBaseManager(); TeacherCnn t = new TeacherCnn(arch, m, 3)) {
      new TeacherTrainer(new TrainLog(null), new NonFinite(5)).train(t, train, TeacherTrainer.Recipe.plain(1, 64, 2e-3f), 3, null, "teacher", null);
      float[] fTrain = TeacherTrainer.features(t, train, 256);
      float[] fTest = TeacherTrainer.features(t, test, 256);
      float[] mu = Partition.means(fTrain, 16);
      float[] sd = Partition.stds(fTrain, 16);
      int[] slice = {0, 1, 2, 3};
      StudentArch sa = new StudentArch("direct", 1, 28, 28, 4, 4, 3, 1, 1, "sum", 2, 32, slice.length, 0.9f, 1f, "subtract", "subtract");
      try (LifStudent s = new LifStudent(sa, m, 3, LifStudent.Surrogate.FAST_SIGMOID, 5f, 1.5f)) {
        long t0 = System.nanoTime();
        new Distiller(new TrainLog(null), new NonFinite(5)).train(s, new StudentInputs(train.pixels(), 784, train.labels()), fTrain, 16, slice, mu, sd,
            null, null, new Distiller.Settings(2, 64, 3e-3f, 0.01f, 0f, 2f, 3), null, "student0");
        System.err.printf("student 2 epochs x 2000: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        float[] pred = Distiller.predict(s, new StudentInputs(test.pixels(), 784, test.labels()), slice, mu, sd, 256);
        double mse = 0;
        for (int i = 0; i < test.size(); i++) for (int j = 0; j < 4; j++) {
          double e = (pred[i * 4 + j] - fTest[i * 16 + slice[j]]) / sd[slice[j]];
          mse += e * e;
        }
        mse /= test.size() * 4;
        System.err.println("held-out standardised mse " + mse);
        assertThat(mse).isLessThan(0.6);
      }
    }
  }
}
