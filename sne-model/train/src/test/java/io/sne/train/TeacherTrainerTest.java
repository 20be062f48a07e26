package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.sne.train.data.Datasets;
import io.sne.train.data.LabelledImages;
import io.sne.train.nn.TeacherCnn;
import io.sne.train.nn.Torch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherTrainerTest {
  @Test
  void learnsFashionMnistFromASmallSubsetAndCountsMacsFromTheArchitecture() throws Exception {
    Torch.init(1, 7);
    Datasets.Split fm = Datasets.fashionMnist(null);
    LabelledImages train = fm.train().subset(3000, 1);
    LabelledImages test = fm.test().subset(1000, 2);
    TeacherCnn.Arch arch = new TeacherCnn.Arch(1, 28, 28, 8, 16, 64, 32, 10);
    // conv1 28*28*8*1*9 + conv2 14*14*16*8*9 + fc 16*7*7*64 + 64*32 + 32*10, counted by hand
    assertThat(arch.macs()).isEqualTo(56448 + 225792 + 50176 + 2048 + 320);
    try (NDManager m = NDManager.newBaseManager(); TeacherCnn t = new TeacherCnn(arch, m, 7)) {
      long t0 = System.nanoTime();
      new TeacherTrainer(new TrainLog(null), new NonFinite(5)).train(t, train, TeacherTrainer.Recipe.plain(2, 64, 2e-3f), 7, null, "teacher", null);
      System.err.printf("teacher 2 epochs x 3000: %.1f s%n", (System.nanoTime() - t0) / 1e9);
      float[] f = TeacherTrainer.features(t, test, 256);
      double acc = TeacherTrainer.accuracy(TeacherTrainer.predict(t.params().values("head.weight"), t.params().values("head.bias"), f, 32), test.labels());
      System.err.println("acc " + acc);
      assertThat(acc).isGreaterThan(0.70);
    }
  }

  /** A teacher config edited after its checkpoints were written must not resume from them (it used to, with the old shapes and the new MAC count). */
  @Test
  void refusesToResumeFromTheCheckpointsOfAnotherArchitecture(@TempDir Path dir) throws Exception {
    Torch.init(1, 7);
    LabelledImages train = Datasets.fashionMnist(null).train().subset(256, 1);
    TeacherCnn.Arch written = new TeacherCnn.Arch(1, 28, 28, 4, 8, 16, 8, 10);
    TeacherCnn.Arch wider = new TeacherCnn.Arch(1, 28, 28, 4, 8, 32, 8, 10);
    try (NDManager m = NDManager.newBaseManager()) {
      try (TeacherCnn t = new TeacherCnn(written, m, 7)) {
        new TeacherTrainer(new TrainLog(null), new NonFinite(5)).train(t, train, TeacherTrainer.Recipe.plain(1, 64, 2e-3f), 7, dir, "teacher", null);
      }
      try (TeacherCnn same = new TeacherCnn(written, m, 8)) {
        assertThat(TeacherTrainer.resume(same, dir, "teacher", 1)).isEqualTo(1);
      }
      try (TeacherCnn t = new TeacherCnn(wider, m, 7)) {
        assertThatThrownBy(() -> TeacherTrainer.resume(t, dir, "teacher", 1))
            .hasMessageContaining("teacher-e1.ckpt")
            .hasMessageContaining("[16, 392] in the checkpoint but [32, 392] in this network")
            .hasMessageContaining("teacher.checkpointDir");
      }
    }
  }
}
