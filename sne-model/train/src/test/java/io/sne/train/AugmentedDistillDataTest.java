package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.sne.train.nn.StudentArch;
import io.sne.train.nn.TeacherCnn;
import io.sne.train.nn.Torch;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentedDistillDataTest {
  private static final int N = 12;
  private static final int SIDE = 8;
  private static final StudentArch ARCH = new StudentArch("direct", 1, SIDE, SIDE, 2, 2, 3, 2, 1, "sum", 2, 4, 2, 0.9f, 1f, "subtract", "subtract");

  private static StudentInputs images() {
    Random r = new Random(5);
    float[] px = new float[N * SIDE * SIDE];
    for (int i = 0; i < px.length; i++) px[i] = r.nextFloat();
    return new StudentInputs(px, SIDE * SIDE, new int[N]);
  }

  private static final int[] IN_ORDER = java.util.stream.IntStream.range(0, N).toArray();

  /** The inputs of one batch of every sample, in stored order. */
  private static float[] all(DistillData data, NDManager m) {
    return data.batch(m, ARCH, IN_ORDER, 0, N).inputs().toFloatArray();
  }

  /** A test body over the seeded images, a fresh manager and the small teacher. */
  private interface WithTeacher {
    void run(StudentInputs in, NDManager m, TeacherCnn t);
  }

  private static void withTeacher(WithTeacher body) {
    Torch.init(1, 3);
    StudentInputs in = images();
    try (NDManager m = NDManager.newBaseManager(); TeacherCnn t = teacher(m)) {
      body.run(in, m, t);
    }
  }

  private static TeacherCnn teacher(NDManager m) {
    return new TeacherCnn(new TeacherCnn.Arch(1, SIDE, SIDE, 4, 4, 8, 6, 10), m, 3);
  }

  @Test
  void theTargetsAreTheTeachersFeaturesOfExactlyWhatTheStudentSees() {
    int[] order = {3, 1, 4, 0, 5, 9, 2, 6, 8, 7, 11, 10};
    withTeacher((in, m, t) -> {
      DistillData data = new AugmentedDistillData(in, t, new ImageAugment(2, true), 7);
      data.startEpoch(1);
      DistillData.TrainingBatch b = data.batch(m, ARCH, order, 2, 10);
      assertThat(b.inputs().getShape().getShape()).containsExactly(8, 1, SIDE, SIDE);
      assertThat(b.features()).hasSize(8 * 6).containsExactly(t.features(b.inputs()).toFloatArray());
      float[] plain = io.sne.train.nn.Batch.gather(in.rows(), in.rowSize(), order, 2, 10);
      assertThat(b.inputs().toFloatArray()).as("augmented, not the stored images").isNotEqualTo(plain);
    });
  }

  @Test
  void anEpochSeesTheSameBatchesWhenRedoneAndOtherEpochsSeeOthers() {
    withTeacher((in, m, t) -> {
      DistillData data = new AugmentedDistillData(in, t, new ImageAugment(2, true), 7);
      data.startEpoch(2);
      float[] first = all(data, m);
      float[] next = all(data, m);
      data.startEpoch(2); // a rollback or a resume
      assertThat(all(data, m)).containsExactly(first);
      assertThat(next).as("later batches of an epoch draw on").isNotEqualTo(first);
      data.startEpoch(3);
      assertThat(all(data, m)).isNotEqualTo(first);
      DistillData again = new AugmentedDistillData(in, t, new ImageAugment(2, true), 7);
      again.startEpoch(2);
      assertThat(all(again, m)).as("same seed, same run").containsExactly(first);
    });
  }

  @Test
  void flipsOnlyMirrorImagesWholeAndNoAugmentationMatchesTheFixedTable() {
    withTeacher((in, m, t) -> {
      DistillData flips = new AugmentedDistillData(in, t, new ImageAugment(0, true), 1);
      float[] out = all(flips, m);
      int mirrored = 0;
      for (int i = 0; i < N; i++) {
        boolean same = true;
        boolean mirror = true;
        for (int y = 0; y < SIDE; y++) {
          for (int x = 0; x < SIDE; x++) {
            float v = out[i * SIDE * SIDE + y * SIDE + x];
            same &= v == in.rows()[i * SIDE * SIDE + y * SIDE + x];
            mirror &= v == in.rows()[i * SIDE * SIDE + y * SIDE + (SIDE - 1 - x)];
          }
        }
        assertThat(same || mirror).as("image %d is itself or its mirror", i).isTrue();
        if (mirror) mirrored++;
      }
      assertThat(mirrored).isBetween(1, N - 1);

      float[] table = TeacherTrainer.features(t, new io.sne.train.data.LabelledImages(in.rows(), new int[N], 1, SIDE, SIDE, java.util.List.of("a")), 256);
      DistillData none = new AugmentedDistillData(in, t, ImageAugment.NONE, 1);
      DistillData fixed = DistillData.fixed(in, table, 6);
      assertThat(none.batch(m, ARCH, IN_ORDER, 0, N).features()).containsExactly(fixed.batch(m, ARCH, IN_ORDER, 0, N).features());
    });
  }

  @Test
  void studentInputsThatAreNotTheTeachersImagesAreRefused() {
    Torch.init(1, 3);
    StudentInputs frames = new StudentInputs(new float[N * 2 * SIDE * SIDE], 2 * SIDE * SIDE, new int[N]);
    try (NDManager m = NDManager.newBaseManager(); TeacherCnn t = teacher(m)) {
      assertThatThrownBy(() -> new AugmentedDistillData(frames, t, new ImageAugment(1, false), 1))
          .hasMessageContaining("direct encoding").hasMessageContaining("128 values");
    }
  }
}
