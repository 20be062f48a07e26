package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sne.train.data.Datasets;
import io.sne.train.data.LabelledImages;
import io.sne.train.nn.TeacherCnn;
import io.sne.train.nn.Torch;
import org.junit.jupiter.api.Test;

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
}
