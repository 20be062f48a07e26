package io.sne.cli;

import io.sne.train.EvalReport;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Evaluate a model file with the runtime: teacher vs SNE for k = 1..N active students and the gate, the gate's Pareto curve,",
        "and robustness to noise. Writes report.md, report.json and PNG plots into the report directory."})
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE", description = "model file (.safetensors)")
  Path model;

  @Option(names = "--report", required = true, paramLabel = "DIR", description = "directory for report.md, report.json and plots")
  Path report;

  @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = "horowitz45-fp32",
      description = "energy profile: horowitz45-fp32, loihi, or a JSON file (default: ${DEFAULT-VALUE})")
  String profile;

  @Option(names = "--data", paramLabel = "DIR", description = "dataset directory (default: the one recorded in the model's provenance)")
  String data;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "evaluate on the first N test samples only (0 = the model's test set)")
  int limit;

  /** Which test samples: the training run's subset, or the dataset's whole test split. */
  enum TestSet { subset, all }

  @Option(names = "--test-set", paramLabel = "subset|all", defaultValue = "subset",
      description = "subset (default): the test samples the training run measured the teacher on; all: every test sample of the dataset"
          + " (needs --teacher, whose accuracy is then measured again on them)")
  TestSet testSet;

  @Option(names = "--noise-limit", paramLabel = "N", defaultValue = "500", description = "samples per noise level (default: ${DEFAULT-VALUE})")
  int noiseLimit;

  @Option(names = "--training-summary", paramLabel = "FILE", description = "summary.json of the training run, included in report.json")
  Path summary;

  @Option(names = "--teacher", paramLabel = "DIR",
      description = "the teacher's checkpoint directory (e.g. .sne/train/teacher-fmnist): adds its accuracy under the same noise beside the SNE's")
  Path teacher;

  @Option(names = "--filter", paramLabel = "SPEC",
      description = "event models: pass every test window, clean or noisy, through this filter before the encoder (repeatable; "
          + "the specs of sne replay --filter that keep the sensor size: denoise[:US], refractory[:US], hot-pixel[:MAX_HZ[:LEARN_US]], "
          + "merge-polarities), to measure the model behind an edge filter; a model trained behind filters (student.eventFilters) "
          + "gets those first, without this option")
  java.util.List<String> filters = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (!model.toFile().isFile()) throw new IllegalArgumentException("model file not found: " + model);
    Map<String, Object> json = EvalReport.write(model, report, profile, data, limit, noiseLimit, summary, teacher, filters, testSet == TestSet.all);
    System.out.println("report: " + report.resolve("report.md") + " (" + json.get("samples") + " samples)");
    return 0;
  }
}
