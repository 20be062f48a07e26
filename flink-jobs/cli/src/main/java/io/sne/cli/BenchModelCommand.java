package io.sne.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sne.runtime.bench.ModelBench;
import io.sne.runtime.bench.ModelBenchResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sne bench model}: synaptic ops/s, events/s through the reference ensemble, event-driven vs dense. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Benchmark the SNN runtime on one core: synaptic ops/s, events/s through binning + the "
        + "reference ensemble (4 students, 2x34x34, two conv layers each), event-driven vs dense speed-up.")
public final class BenchModelCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "Shorter rounds (about 20 s instead of about 2 min).")
  boolean quick;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Override
  public Integer call() throws Exception {
    System.err.println("sne bench model: measuring on one thread" + (quick ? " (quick)" : "") + "...");
    ModelBenchResult r = new ModelBench(quick).run(stage -> System.err.println("  " + stage));
    print(r, System.out);
    if (json != null) {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), r);
      System.err.println("wrote " + json);
    }
    return 0;
  }

  static void print(ModelBenchResult r, PrintStream out) {
    out.printf("%-52s %14s %12s%n", "benchmark (one core)", "measured", "target");
    out.printf("%-52s %14.3g %12s%n", "synaptic ops/s, conv scatter kernel", r.synopsPerSecond(), ">= 1e9");
    out.printf("%-52s %14.3g %12s%n", "synaptic ops/s, whole reference ensemble", r.ensembleSynopsPerSecond(), "");
    out.printf("%-52s %14.3g %12s%n", String.format("events/s, binning + 4 students (%,d ev/window)",
        r.eventsPerWindow()), r.eventsPerSecond(), ">= 1.2e7");
    out.printf("%-52s %14.3g %12s%n", String.format("events/s at DAVIS346 peak (%,d ev/window)",
        r.peakEventsPerWindow()), r.peakEventsPerSecond(), ">= 1.2e7");
    out.printf("%-52s %14.1f %12s%n", "event-driven / dense speed-up at 1% input density", r.denseSpeedupAt1pct(), "");
    out.printf("%-52s %14.1f %12s%n", "event-driven / dense speed-up at 5% input density", r.denseSpeedupAt5pct(),
        ">= 10");
    out.printf("%-52s %14.1f %12s%n", "event-driven / dense speed-up at 20% input density", r.denseSpeedupAt20pct(), "");
    out.printf("input density %.3f, hidden firing %.3f spikes/neuron/step; outputs identical to dense: %s%n",
        r.inputDensity(), r.hiddenFiringRate(), r.identicalOutputs() ? "yes" : "NO");
    out.printf("load average %.1f on %d cores (a busy machine measures low; compare ratios, not absolutes)%n",
        r.loadAverage(), r.availableProcessors());
  }
}
