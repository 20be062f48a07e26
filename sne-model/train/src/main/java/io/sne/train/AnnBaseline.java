package io.sne.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.sne.train.nn.Ops;
import io.sne.train.nn.Params;
import io.sne.train.nn.StudentArch;
import java.util.Random;

/**
 * The honest baseline: a compact ANN of one student's shape (conv -> ReLU -> pool -> dense ->
 * ReLU -> linear classifier), trained directly with cross-entropy on the students' input (the
 * image, or an event recording's frames summed over time), priced by exact MACs. If it is cheaper
 * than the ensemble at equal accuracy, the spiking ensemble has no energy case on that hardware.
 */
public final class AnnBaseline {
  public record Result(double accuracy, long macs, double seconds) {}

  private AnnBaseline() {}

  public static Result train(StudentArch a, StudentInputs train, StudentInputs test, int classes, int epochs, int batchSize, float lr,
      long seed, NDManager parent, TrainLog log) {
    long t0 = System.nanoTime();
    int frame = a.channels() * a.height() * a.width();
    float[] xTrain = collapse(train, a, frame);
    float[] xTest = collapse(test, a, frame);
    try (Params p = new Params(parent)) {
      Random rng = new Random(seed);
      float relu = (float) Math.sqrt(2);
      p.kaiming("conv.weight", rng, relu, a.convOut(), a.channels(), a.kernel(), a.kernel());
      p.zeros("conv.bias", a.convOut());
      if (a.hasConv2()) {
        p.kaiming("conv2.weight", rng, relu, a.conv2Out(), a.convOut(), a.kernel(), a.kernel());
        p.zeros("conv2.bias", a.conv2Out());
      }
      p.kaiming("fc.weight", rng, relu, a.hidden(), a.denseIn());
      p.zeros("fc.bias", a.hidden());
      p.kaiming("out.weight", rng, 1f, classes, a.hidden());
      p.zeros("out.bias", classes);
      p.useAdam(lr);
      for (int epoch = 0; epoch < epochs; epoch++) {
        int[] order = io.sne.train.data.LabelledImages.shuffled(train.size(), seed + epoch);
        double loss = 0;
        int batches = 0;
        for (int from = 0; from < train.size(); from += batchSize) {
          int to = Math.min(train.size(), from + batchSize);
          try (NDManager m = p.manager().newSubManager()) {
            NDArray x = io.sne.train.nn.Batch.rows(m, xTrain, frame, order, from, to, a.channels(), a.height(), a.width());
            NDArray y = io.sne.train.nn.Batch.labels(m, train.labels(), order, from, to);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              NDArray l = Ops.crossEntropy(forward(p, a, x), y);
              if (!Float.isFinite(l.getFloat())) continue;
              gc.backward(l);
              loss += l.getFloat();
            }
            p.step();
            batches++;
          }
        }
        log.line("ann-baseline epoch %d/%d loss %.4f", epoch + 1, epochs, loss / Math.max(1, batches));
      }
      int ok = 0;
      for (int from = 0; from < test.size(); from += 256) {
        int to = Math.min(test.size(), from + 256);
        try (NDManager m = p.manager().newSubManager()) {
          int[] pred = forward(p, a, io.sne.train.nn.Batch.rows(m, xTest, frame, null, from, to, a.channels(), a.height(), a.width()))
              .argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
          for (int i = 0; i < pred.length; i++) if (pred[i] == test.labels()[from + i]) ok++;
        }
      }
      return new Result(ok / (double) test.size(), macs(a, classes), (System.nanoTime() - t0) / 1e9);
    }
  }

  private static NDArray forward(Params p, StudentArch a, NDArray x) {
    NDArray h = Activation.relu(Ops.conv(x, p.get("conv.weight"), p.get("conv.bias"), a.stride(), a.padding()));
    if (a.hasConv2()) h = Activation.relu(Ops.conv(h, p.get("conv2.weight"), p.get("conv2.bias"), a.conv2Stride(), a.padding()));
    if (a.hasPool()) h = Ops.spikePool(h, a.poolKernel(), a.poolMode().equals("sum"));
    h = h.reshape(x.getShape().get(0), a.denseIn());
    h = Activation.relu(Ops.dense(h, p.get("fc.weight"), p.get("fc.bias")));
    return Ops.dense(h, p.get("out.weight"), p.get("out.bias"));
  }

  /** Exact MACs of one forward pass: every conv tap at every output position, every dense weight. */
  public static long macs(StudentArch a, int classes) {
    long conv = (long) a.convOut() * a.convHeight() * a.convWidth() * a.channels() * a.kernel() * a.kernel();
    if (a.hasConv2()) conv += (long) a.conv2Out() * a.conv2Height() * a.conv2Width() * a.convOut() * a.kernel() * a.kernel();
    return conv + (long) a.denseIn() * a.hidden() + (long) a.hidden() * classes;
  }

  /** Events: frames summed over T (one count image per polarity); direct: the image. */
  private static float[] collapse(StudentInputs in, StudentArch a, int frame) {
    if (!a.encoding().equals("events")) return in.rows();
    float[] out = new float[in.size() * frame];
    for (int i = 0; i < in.size(); i++) {
      for (int t = 0; t < a.timeSteps(); t++) {
        for (int j = 0; j < frame; j++) out[i * frame + j] += in.rows()[i * in.rowSize() + t * frame + j];
      }
    }
    return out;
  }
}
