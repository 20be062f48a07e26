package io.sne.runtime.bench;

import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.energy.EnergyProfile;
import io.sne.runtime.ensemble.Decision;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.model.SneModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Input events per second through binning + the reference ensemble (4 students, 2x34x34, two conv
 * layers each, T=10 x 30 ms), at N-MNIST-like load (4k events/window) and at a DAVIS346's peak
 * (12 Mev/s = 3.6M events per 300 ms window).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class EnsembleEventsBenchmark {
  @Param({"4000", "3600000"})
  int eventsPerWindow;

  SneEnsemble ensemble;
  EventWindow[] windows;
  int next;

  /** JMH reports these per second: input events/s and synaptic ops/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counts {
    public long events;
    public long synapticOps;

    @Setup(Level.Iteration)
    public void clear() {
      events = 0;
      synapticOps = 0;
    }
  }

  @Setup
  public void setUp() {
    SneModel model = RandomModels.reference(42);
    ensemble = new SneEnsemble(model, EnergyProfile.HOROWITZ45_FP32);
    windows = BenchWorkloads.windows(model, eventsPerWindow > 100_000 ? 1 : 32, eventsPerWindow, 7);
  }

  @Benchmark
  public int classify(Counts counts) {
    Decision d = ensemble.classify(windows[next]);
    next = (next + 1) % windows.length;
    counts.events += d.energy().inputEvents();
    counts.synapticOps += d.energy().synapticOps();
    return d.predictedClass();
  }
}
