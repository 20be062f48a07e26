package io.sne.train;

import ai.djl.ndarray.NDManager;
import io.sne.train.nn.Batch;
import io.sne.train.nn.StudentArch;
import java.util.Random;

/**
 * Distillation on event frames with sensor noise added afresh every epoch ({@link EventFrameNoise}).
 * The targets stay the teacher's features of the clean sample: the teacher reads the static image
 * (or the clean recording), so the student learns to give what it would give without the noise.
 * The noise's random stream is seeded per epoch, so a resumed or rolled-back epoch sees the same
 * batches as an uninterrupted run.
 */
final class NoisyEventDistillData implements DistillData {
  private final StudentInputs inputs;
  private final float[] features;
  private final int dim;
  private final EventFrameNoise noise;
  private final long dtUs;
  private final boolean binary;
  private final long seed;
  private Random rng;

  NoisyEventDistillData(StudentInputs inputs, float[] features, int dim, EventFrameNoise noise, long dtUs, boolean binary, long seed) {
    this.inputs = inputs;
    this.features = features;
    this.dim = dim;
    this.noise = noise;
    this.dtUs = dtUs;
    this.binary = binary;
    this.seed = seed;
    startEpoch(0);
  }

  @Override
  public int size() {
    return inputs.size();
  }

  @Override
  public void startEpoch(int epoch) {
    rng = new Random(seed * 23 + epoch);
  }

  @Override
  public TrainingBatch batch(NDManager m, StudentArch arch, int[] order, int from, int to) {
    if (!arch.encoding().equals("events") || arch.channels() != 2) {
      throw new IllegalStateException("event noise needs events encoding (2 polarity channels), the student reads " + arch.encoding() + " with " + arch.channels() + " channels");
    }
    float[] frames = Batch.gather(inputs.rows(), inputs.rowSize(), order, from, to);
    noise.apply(frames, to - from, arch.timeSteps(), arch.height(), arch.width(), dtUs, binary, rng);
    return new TrainingBatch(Batch.create(m, frames, to - from, arch.timeSteps(), arch.channels(), arch.height(), arch.width()),
        Batch.gather(features, dim, order, from, to));
  }

  @Override
  public TrainingBatch plainBatch(NDManager m, StudentArch arch, int[] order, int from, int to) {
    return new TrainingBatch(inputs.batch(m, arch, order, from, to), Batch.gather(features, dim, order, from, to));
  }
}
