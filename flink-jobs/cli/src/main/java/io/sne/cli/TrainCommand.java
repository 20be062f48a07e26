package io.sne.cli;

import io.sne.train.TrainConfig;
import io.sne.train.TrainRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a spiking neural ensemble: teacher, partition, distilled LIF students, dropout-trained head, calibrated gate.",
        "Writes the model file named by 'output'; checkpoints and train.log go to 'workDir' (rerun to resume).",
        "Every option and its default: docs/training.md."})
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "YAML config (omit for all defaults: static Fashion-MNIST)")
  Path config;

  @Option(names = "--quick", description = "Small subset and few epochs (minutes): for demos and tests")
  boolean quick;

  @Option(names = "--threads", paramLabel = "N", description = "libtorch threads (overrides the config; 1 is fastest on a busy 2-core box)")
  Integer threads;

  @Option(names = "--compare", description = "Also train every partition scheme (and the slice-dropout fine-tuned teacher when teacher.sliceDropoutEpochs > 0) as separate models and add the side-by-side table to summary.json")
  boolean compare;

  @Override
  public Integer call() throws Exception {
    TrainConfig cfg = TrainConfig.load(config);
    if (quick) cfg.quick();
    if (threads != null) cfg.threads = threads;
    var result = TrainRunner.run(cfg);
    if (compare) io.sne.train.CompareRunner.run(cfg, TrainRunner.runtimeMeter());
    System.out.println("model: " + result.model());
    System.out.println("summary: " + Path.of(cfg.workDir).resolve("summary.json"));
    return 0;
  }
}
