package io.sne.cli;

import io.sne.events.SensorGeometry;
import io.sne.events.datasets.Cifar10Dataset;
import io.sne.events.emulate.DatasetConverter;
import io.sne.events.emulate.DvsEmulator;
import io.sne.events.emulate.EmulatorConfig;
import io.sne.events.datasets.IdxDataset;
import io.sne.events.datasets.ImageDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sne emulate}: image datasets -> labelled EVT 2.0 recordings via the DVS emulator. */
@Command(
    name = "emulate",
    mixinStandardHelpOptions = true,
    description = {
        "Turn an image dataset into labelled event recordings with a DVS emulator: the image moves in "
            + "N-MNIST-style saccades in front of an emulated sensor whose pixels fire on log-intensity threshold "
            + "crossings (per-pixel threshold mismatch, refractory period, optional background noise).",
        "Writes one Prophesee RAW EVT 2.0 file per image (<split>-<index>.raw), labels.csv "
            + "(file,label,sourceIndex,split) and classes.txt. Deterministic for a given --seed."})
final class EmulateCommand implements Callable<Integer> {
  private static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

  @Option(names = "--dataset", required = true, description = "fashion-mnist, mnist or cifar10.")
  String dataset;

  @Option(names = "--input", description = "Folder with the dataset files (IDX .gz or plain; CIFAR-10 binary batches). "
      + "Default for fashion-mnist: " + FASHION_MNIST_DIR + ".")
  Path input;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--split", defaultValue = "test", description = "train, test or all (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--per-class", defaultValue = "0", description = "Convert only the first N images of each class (0 = all).")
  int perClass;

  @Option(names = "--limit", defaultValue = "0", description = "Convert at most N images per split (0 = no limit).")
  int limit;

  @Option(names = "--seed", defaultValue = "42", description = "Run seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--sensor", defaultValue = "34x34", description = "Sensor size WIDTHxHEIGHT (default: ${DEFAULT-VALUE}).")
  String sensor;

  @Option(names = "--saccades", defaultValue = "3", description = "Number of saccades (default: ${DEFAULT-VALUE}).")
  int saccades;

  @Option(names = "--saccade-us", defaultValue = "100000", description = "Duration of one saccade in µs (default: ${DEFAULT-VALUE}).")
  long saccadeUs;

  @Option(names = "--amplitude-px", defaultValue = "3", description = "Saccade triangle size in pixels (default: ${DEFAULT-VALUE}).")
  double amplitudePx;

  @Option(names = "--threshold", defaultValue = "0.3", description = "Mean ON and OFF contrast threshold, log units (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--threshold-sigma", defaultValue = "0.03", description = "Relative per-pixel threshold mismatch (default: ${DEFAULT-VALUE}).")
  double thresholdSigma;

  @Option(names = "--refractory-us", defaultValue = "1000", description = "Refractory period in µs (default: ${DEFAULT-VALUE}).")
  long refractoryUs;

  @Option(names = "--noise-hz", defaultValue = "0", description = "Background-activity noise per pixel in Hz (default: ${DEFAULT-VALUE}).")
  double noiseHz;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    EmulatorConfig config = EmulatorConfig.nmnistLike()
        .withSensor(SensorGeometry.parse(sensor))
        .withSaccades(saccades, saccadeUs, amplitudePx)
        .withThresholds(threshold, threshold, thresholdSigma)
        .withRefractoryUs(refractoryUs)
        .withBackgroundRateHz(noiseHz);
    List<ImageDataset> splits = new ArrayList<>();
    for (String s : splits()) {
      splits.add(load(s));
    }
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    long start = System.nanoTime();
    DatasetConverter.Result result = new DatasetConverter(new DvsEmulator(config), seed, workers, true)
        .convert(splits, new DatasetConverter.Selection(perClass, limit), out);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "emulated %,d samples, %,d events (%.1f%% ON, %.0f per sample) in %.1f s -> %s%n",
        result.samples(), result.events(), 100.0 * result.onEvents() / Math.max(1, result.events()),
        (double) result.events() / Math.max(1, result.samples()), seconds, result.labelsFile());
    return 0;
  }

  private List<String> splits() {
    return switch (split) {
      case "train", "test" -> List.of(split);
      case "all" -> List.of("train", "test");
      default -> throw new IllegalArgumentException("--split must be train, test or all, got '" + split + "'");
    };
  }

  private ImageDataset load(String splitName) throws Exception {
    Path dir = input;
    if (dir == null) {
      if (!dataset.equals("fashion-mnist")) {
        throw new IllegalArgumentException("--input is required for " + dataset);
      }
      dir = Path.of(FASHION_MNIST_DIR);
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--input " + dir + " is not a folder");
    }
    return switch (dataset) {
      case "fashion-mnist" -> IdxDataset.load(dir, splitName, "fashion-mnist", IdxDataset.FASHION_MNIST_CLASSES);
      case "mnist" -> IdxDataset.load(dir, splitName, "mnist", IdxDataset.MNIST_CLASSES);
      case "cifar10" -> Cifar10Dataset.load(dir, splitName);
      default -> throw new IllegalArgumentException("--dataset must be fashion-mnist, mnist or cifar10, got '" + dataset + "'");
    };
  }
}
