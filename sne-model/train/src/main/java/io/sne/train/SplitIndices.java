package io.sne.train;

import io.sne.train.data.LabelledImages;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Which samples of the dataset's training and test splits (indices in file order) a run uses for
 * training, validation and test: a seeded subset when trainLimit/testLimit are set, then a seeded
 * validation hold-out. Kept as indices so that per-sample data given in file order (an imported
 * teacher's features) is picked by exactly the rows the images are.
 */
public record SplitIndices(int[] train, int[] validation, int[] test) {

  public static SplitIndices of(TrainConfig cfg, int trainSamples, int testSamples) {
    int[] all = IntStream.range(0, trainSamples).toArray();
    if (cfg.dataset.trainLimit > 0) all = prefix(LabelledImages.shuffled(trainSamples, cfg.seed), cfg.dataset.trainLimit + cfg.dataset.validation);
    int nVal = Math.min(cfg.dataset.validation, all.length / 5);
    int[] order = LabelledImages.shuffled(all.length, cfg.seed + 1);
    int[] val = new int[nVal];
    int[] train = new int[all.length - nVal];
    for (int i = 0; i < all.length; i++) {
      if (i < nVal) val[i] = all[order[i]];
      else train[i - nVal] = all[order[i]];
    }
    int[] test = cfg.dataset.testLimit > 0 ? prefix(LabelledImages.shuffled(testSamples, cfg.seed + 2), cfg.dataset.testLimit)
        : IntStream.range(0, testSamples).toArray();
    return new SplitIndices(train, val, test);
  }

  private static int[] prefix(int[] a, int n) {
    return Arrays.copyOf(a, Math.min(n, a.length));
  }
}
