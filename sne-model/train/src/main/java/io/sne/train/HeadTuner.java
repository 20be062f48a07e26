package io.sne.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.sne.train.nn.Ops;
import io.sne.train.nn.Params;
import java.util.Locale;
import java.util.Random;

/**
 * Fine-tunes the ensemble head h on the students' own outputs with student dropout, so it
 * classifies well from whichever subset runs: {@code uniform} (k uniform in 1..N, then a random
 * k-subset), {@code nested} (k uniform, the first k in index order), {@code bernoulli} (each
 * student kept with probability p, at least one).
 */
public final class HeadTuner {
  public enum Dropout {
    UNIFORM, NESTED, BERNOULLI, NONE;

    public static Dropout parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown student dropout '" + s + "', expected uniform, nested, bernoulli or none");
      }
    }
  }

  public record Result(float[] weight, float[] bias) {}

  private final TrainLog log;
  private final NonFinite nonFinite;

  public HeadTuner(TrainLog log, NonFinite nonFinite) {
    this.log = log;
    this.nonFinite = nonFinite;
  }

  public Result tune(StudentOutputs outs, float[] initWeight, float[] initBias, Dropout dropout, float keepProbability,
      int epochs, int batchSize, float lr, long seed, NDManager parent) {
    int dim = outs.dim();
    int classes = initBias.length;
    try (Params p = new Params(parent)) {
      p.put("head.weight", p.manager().create(initWeight, new Shape(classes, dim)));
      p.put("head.bias", p.manager().create(initBias));
      p.useAdam(lr);
      Random rng = new Random(seed);
      for (int epoch = 0; epoch < epochs; epoch++) {
        int[] order = io.sne.train.data.LabelledImages.shuffled(outs.size(), seed * 7 + epoch);
        double lossSum = 0;
        int batches = 0;
        for (int from = 0; from < outs.size(); from += batchSize) {
          int to = Math.min(outs.size(), from + batchSize);
          float[] x = new float[(to - from) * dim];
          int[] y = new int[to - from];
          for (int i = from; i < to; i++) {
            outs.assemble(order[i], mask(dropout, outs.students(), keepProbability, rng), x, (i - from) * dim);
            y[i - from] = outs.labels()[order[i]];
          }
          try (NDManager m = p.manager().newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              NDArray logits = Ops.dense(m.create(x, new Shape(to - from, dim)), p.get("head.weight"), p.get("head.bias"));
              NDArray loss = Ops.crossEntropy(logits, m.create(y));
              if (!nonFinite.check(loss, "head")) continue;
              gc.backward(loss);
              lossSum += loss.getFloat();
            }
            if (!p.stepIfFinite()) {
              nonFinite.skipped("head gradient");
              continue;
            }
            batches++;
          }
        }
        log.line("head epoch %d/%d (%s dropout) loss %.4f", epoch + 1, epochs, dropout.name().toLowerCase(Locale.ROOT), lossSum / Math.max(1, batches));
      }
      return new Result(p.values("head.weight"), p.values("head.bias"));
    }
  }

  static boolean[] mask(Dropout dropout, int n, float keep, Random rng) {
    boolean[] a = new boolean[n];
    switch (dropout) {
      case NONE -> java.util.Arrays.fill(a, true);
      case NESTED -> {
        int k = 1 + rng.nextInt(n);
        for (int i = 0; i < k; i++) a[i] = true;
      }
      case UNIFORM -> {
        int k = 1 + rng.nextInt(n);
        int[] perm = io.sne.train.data.LabelledImages.shuffled(n, rng.nextLong());
        for (int i = 0; i < k; i++) a[perm[i]] = true;
      }
      case BERNOULLI -> {
        boolean any = false;
        for (int i = 0; i < n; i++) any |= (a[i] = rng.nextFloat() < keep);
        if (!any) a[rng.nextInt(n)] = true;
      }
    }
    return a;
  }
}
