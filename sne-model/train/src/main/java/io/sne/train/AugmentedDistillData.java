package io.sne.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sne.train.nn.StudentArch;
import io.sne.train.nn.TeacherCnn;
import java.util.Random;

/**
 * Distillation on augmented images (direct encoding): every batch is shifted and flipped afresh
 * and the teacher is run on exactly what the student sees, so the target stays the teacher's
 * function of the input rather than of an image the student never saw. Why: students trained on
 * the fixed 55,000 images began to overfit their slices after 3-4 epochs (held-out slice MSE
 * rose while the training MSE fell). The teacher's forward costs a fraction of the student's BPTT.
 * The augmentation's random stream is seeded per epoch, so a resumed or rolled-back epoch sees the
 * same batches as an uninterrupted run.
 */
final class AugmentedDistillData implements DistillData {
  private final StudentInputs images;
  private final TeacherCnn teacher;
  private final ImageAugment augment;
  private final long seed;
  private Random rng;

  AugmentedDistillData(StudentInputs images, TeacherCnn teacher, ImageAugment augment, long seed) {
    TeacherCnn.Arch a = teacher.arch();
    if (images.rowSize() != a.channels() * a.height() * a.width()) {
      throw new IllegalArgumentException("augmented distillation needs the teacher's images as student inputs (direct encoding): rows of "
          + images.rowSize() + " values, the teacher reads " + a.channels() + "x" + a.height() + "x" + a.width());
    }
    this.images = images;
    this.teacher = teacher;
    this.augment = augment;
    this.seed = seed;
    startEpoch(0);
  }

  @Override
  public int size() {
    return images.size();
  }

  @Override
  public void startEpoch(int epoch) {
    rng = new Random(seed * 19 + epoch);
  }

  @Override
  public TrainingBatch batch(NDManager m, StudentArch arch, int[] order, int from, int to) {
    return batch(m, order, from, to, true);
  }

  @Override
  public TrainingBatch plainBatch(NDManager m, StudentArch arch, int[] order, int from, int to) {
    return batch(m, order, from, to, false);
  }

  private TrainingBatch batch(NDManager m, int[] order, int from, int to, boolean augmented) {
    TeacherCnn.Arch a = teacher.arch();
    float[] pixels = io.sne.train.nn.Batch.gather(images.rows(), images.rowSize(), order, from, to);
    if (augmented) augment.apply(pixels, to - from, a.channels(), a.height(), a.width(), rng);
    NDArray x = io.sne.train.nn.Batch.create(m, pixels, to - from, a.channels(), a.height(), a.width());
    // outside any gradient collector: the teacher is frozen here
    float[] features = teacher.features(x).toFloatArray();
    return new TrainingBatch(x, features);
  }
}
