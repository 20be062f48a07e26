package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sne.train.nn.StudentArch;
import io.sne.train.nn.Torch;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoisyEventDistillDataTest {
  private static final int N = 10;
  private static final int SIDE = 6;
  private static final int STEPS = 3;
  private static final int DIM = 4;
  private static final StudentArch ARCH = new StudentArch("events", 2, SIDE, SIDE, STEPS, 2, 3, 2, 1, "sum", 2, 4, 2, 0.9f, 1f, "subtract", "subtract");
  private static final int[] ORDER = {3, 1, 4, 0, 5, 9, 2, 6, 8, 7};

  private static StudentInputs frames() {
    Random r = new Random(5);
    int rowSize = STEPS * 2 * SIDE * SIDE;
    float[] f = new float[N * rowSize];
    for (int i = 0; i < f.length; i++) f[i] = r.nextInt(3);
    return new StudentInputs(f, rowSize, new int[N]);
  }

  private static float[] features() {
    float[] f = new float[N * DIM];
    for (int i = 0; i < f.length; i++) f[i] = i * 0.5f;
    return f;
  }

  @Test
  void noisyBatchesKeepTheCleanTargetsAndRepeatPerEpoch() {
    Torch.init(1, 3);
    StudentInputs in = frames();
    DistillData data = new NoisyEventDistillData(in, features(), DIM, new EventFrameNoise(1, 200, 0.1, 0.5), 50_000, false, 7);
    try (NDManager m = NDManager.newBaseManager()) {
      data.startEpoch(2);
      DistillData.TrainingBatch a = data.batch(m, ARCH, ORDER, 2, 8);
      data.startEpoch(2);
      DistillData.TrainingBatch again = data.batch(m, ARCH, ORDER, 2, 8);
      data.startEpoch(3);
      DistillData.TrainingBatch next = data.batch(m, ARCH, ORDER, 2, 8);
      DistillData.TrainingBatch plain = data.plainBatch(m, ARCH, ORDER, 2, 8);
      float[] clean = io.sne.train.nn.Batch.gather(in.rows(), in.rowSize(), ORDER, 2, 8);

      assertThat(a.inputs().getShape().getShape()).containsExactly(6, STEPS, 2, SIDE, SIDE);
      assertThat(a.inputs().toFloatArray()).as("noise added").isNotEqualTo(clean);
      assertThat(again.inputs().toFloatArray()).as("a redone epoch sees the same batches").containsExactly(a.inputs().toFloatArray());
      assertThat(next.inputs().toFloatArray()).as("the next epoch other noise").isNotEqualTo(a.inputs().toFloatArray());
      assertThat(plain.inputs().toFloatArray()).as("plain batches are the stored frames").containsExactly(clean);
      float[] targets = io.sne.train.nn.Batch.gather(features(), DIM, ORDER, 2, 8);
      assertThat(a.features()).as("targets: the teacher's features of the clean sample").containsExactly(targets);
      assertThat(plain.features()).containsExactly(targets);
    }
  }
}
