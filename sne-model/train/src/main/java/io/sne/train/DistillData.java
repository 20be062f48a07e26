package io.sne.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sne.train.nn.StudentArch;

/**
 * Where a student's training batches come from: its inputs, and the teacher's features of the same
 * samples (the regression targets). Either a fixed table (features computed once) or images
 * augmented afresh every epoch with the teacher run on what the student sees ({@link AugmentedDistillData}).
 */
public interface DistillData {
  /** A batch: the student's input tensor and the teacher's features [rows][dim], row-aligned. */
  record TrainingBatch(NDArray inputs, float[] features) {}

  int size();

  /** Called before each epoch (also before an epoch redone after a rollback, which must see the same batches). */
  default void startEpoch(int epoch) {}

  /** Samples order[from..to) of this epoch. */
  TrainingBatch batch(NDManager m, StudentArch arch, int[] order, int from, int to);

  /** Samples order[from..to) as they are, not augmented: what the weights an epoch ends with are judged on. */
  default TrainingBatch plainBatch(NDManager m, StudentArch arch, int[] order, int from, int to) {
    return batch(m, arch, order, from, to);
  }

  /** The fixed table: inputs as encoded, features as the teacher gave them once. */
  static DistillData fixed(StudentInputs inputs, float[] features, int dim) {
    return new DistillData() {
      @Override
      public int size() {
        return inputs.size();
      }

      @Override
      public TrainingBatch batch(NDManager m, StudentArch arch, int[] order, int from, int to) {
        return new TrainingBatch(inputs.batch(m, arch, order, from, to), io.sne.train.nn.Batch.gather(features, dim, order, from, to));
      }
    };
  }
}
