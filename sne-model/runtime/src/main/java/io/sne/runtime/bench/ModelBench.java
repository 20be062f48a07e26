package io.sne.runtime.bench;

import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.encode.StepInput;
import io.sne.runtime.energy.EnergyProfile;
import io.sne.runtime.ensemble.Decision;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.snn.ConvProjection;
import io.sne.runtime.snn.DenseReference;
import io.sne.runtime.snn.SpikeEvents;
import io.sne.runtime.snn.StudentNetwork;
import io.sne.runtime.snn.StudentState;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A short, single-threaded version of the JMH benchmarks (src/test/java/.../bench), for
 * {@code sne bench model}: warm up, then time repeated rounds by thread CPU time and keep the
 * median rate (per core, robust to a busy machine).
 */
public final class ModelBench {
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  /** A DAVIS346 at its peak event rate. */
  public static final double PEAK_EVENTS_PER_SECOND = 12e6;

  private final boolean quick;
  private final long roundNanos;
  private final long warmupNanos;
  private final int rounds;

  public ModelBench(boolean quick) {
    this.quick = quick;
    this.roundNanos = quick ? 200_000_000L : 1_000_000_000L;
    this.warmupNanos = quick ? 1_000_000_000L : 3_000_000_000L;
    this.rounds = quick ? 3 : 7;
  }

  public ModelBenchResult run(Consumer<String> stage) {
    SneModel model = RandomModels.reference(42);
    stage.accept("synaptic ops/s of the conv scatter kernel");
    double synops = synapticOpsPerSecond();
    stage.accept("events/s through binning + the reference ensemble");
    SneEnsemble ensemble = new SneEnsemble(model, EnergyProfile.HOROWITZ45_FP32);
    EventWindow[] windows = BenchWorkloads.windows(model, 64, BenchWorkloads.EVENTS_PER_WINDOW, 7);
    long[] totals = new long[5]; // synaptic ops, input events, spikes, neuron updates, windows
    double windowsPerSecond = rate(() -> {
      long n = 0;
      for (EventWindow w : windows) {
        Decision d = ensemble.classify(w);
        totals[0] += d.energy().synapticOps();
        totals[1] += d.energy().inputEvents();
        totals[2] += d.energy().spikes();
        totals[3] += d.energy().neuronUpdates();
        n++;
      }
      totals[4] += n;
      return n;
    });
    double eventsPerWindow = (double) totals[1] / totals[4];
    double sopsPerWindow = (double) totals[0] / totals[4];
    double density = inputDensity(model, windows);
    double firing = (double) totals[2] / Math.max(1, totals[3]);
    stage.accept("events/s at DAVIS346 peak rate");
    int peakEvents = (int) (PEAK_EVENTS_PER_SECOND * model.input().windowUs() / 1e6);
    EventWindow[] peak = BenchWorkloads.windows(model, 1, peakEvents, 9);
    double peakWindowsPerSecond = rate(() -> {
      ensemble.classify(peak[0]);
      return 1;
    });
    stage.accept("event-driven vs dense reference at 1%, 5%, 20% input density");
    boolean[] identical = {true};
    double s1 = denseSpeedup(model, 0.01, identical);
    double s5 = denseSpeedup(model, 0.05, identical);
    double s20 = denseSpeedup(model, 0.20, identical);
    return new ModelBenchResult(synops, sopsPerWindow * windowsPerSecond, eventsPerWindow * windowsPerSecond,
        BenchWorkloads.EVENTS_PER_WINDOW, peakWindowsPerSecond * peakEvents, peakEvents, density, firing, s1, s5,
        s20, identical[0], quick, loadAverage(), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
  }

  private double synapticOpsPerSecond() {
    ConvProjection conv = BenchWorkloads.secondLayer(1);
    SpikeEvents spikes = BenchWorkloads.spikes(0.2, 2);
    float[] current = new float[conv.targetCount()];
    return rate(() -> {
      long ops = 0;
      for (int i = 0; i < 100; i++) {
        ops += conv.accumulate(spikes, current);
      }
      if (current[0] == Float.MAX_VALUE) {
        throw new IllegalStateException(); // keeps the work observable to the JIT
      }
      return ops;
    });
  }

  private static double inputDensity(SneModel model, EventWindow[] windows) {
    var enc = new io.sne.runtime.encode.EventFrameEncoder(model.input());
    long active = 0;
    long cells = 0;
    for (EventWindow w : windows) {
      for (float[] f : enc.frames(w)) {
        for (float v : f) {
          active += v != 0f ? 1 : 0;
        }
        cells += f.length;
      }
    }
    return (double) active / cells;
  }

  /** Time per window of the dense reference / time of the event-driven student, same frames. */
  private double denseSpeedup(SneModel model, double density, boolean[] identical) {
    float[][][] windows = new float[8][][];
    for (int i = 0; i < windows.length; i++) {
      windows[i] = BenchWorkloads.frames(model.input(), density, 100 + i);
    }
    StudentNetwork net = new StudentNetwork(model, 0);
    StudentState state = net.newState();
    StudentNetwork.Scratch scratch = net.newScratch();
    StepInput in = new StepInput(model.input());
    SpikeEvents events = new SpikeEvents(model.input().size());
    float[] out = new float[net.outputSize()];
    int[][][] active = new int[windows.length][][];
    for (int i = 0; i < windows.length; i++) {
      active[i] = new int[windows[i].length][];
      for (int t = 0; t < windows[i].length; t++) {
        active[i][t] = nonZero(windows[i][t]);
      }
    }
    for (int i = 0; i < windows.length; i++) {
      float[] eventOut = runEventDriven(net, state, scratch, in, events, active[i], out).clone();
      DenseReference ref = new DenseReference(model, 0);
      for (float[] frame : windows[i]) {
        ref.step(frame);
      }
      if (!Arrays.equals(eventOut, ref.output())) {
        identical[0] = false;
      }
    }
    double eventRate = rate(() -> {
      for (int[][] w : active) {
        runEventDriven(net, state, scratch, in, events, w, out);
      }
      return active.length;
    });
    double denseRate = rate(() -> {
      for (float[][] w : windows) {
        DenseReference ref = new DenseReference(model, 0);
        for (float[] frame : w) {
          ref.step(frame);
        }
        if (ref.output()[0] == Float.MAX_VALUE) {
          throw new IllegalStateException();
        }
      }
      return windows.length;
    });
    return eventRate / denseRate;
  }

  private static float[] runEventDriven(StudentNetwork net, StudentState state, StudentNetwork.Scratch scratch,
      StepInput in, SpikeEvents events, int[][] window, float[] out) {
    state.reset();
    for (int[] step : window) {
      for (int index : step) {
        in.addEvent(index);
      }
      in.drainTo(events);
      net.step(state, events, scratch);
    }
    return net.output(state, out);
  }

  /** The machine's 1-minute load average at the end (-1 where unknown): a busy box measures low. */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static int[] nonZero(float[] frame) {
    int n = 0;
    for (float v : frame) {
      n += v != 0f ? 1 : 0;
    }
    int[] idx = new int[n];
    n = 0;
    for (int i = 0; i < frame.length; i++) {
      if (frame[i] != 0f) {
        idx[n++] = i;
      }
    }
    return idx;
  }

  /** Units of work per second: warm-up (lets the JIT finish), then the median of timed rounds. */
  private double rate(LongSupplier work) {
    long warmStart = System.nanoTime();
    do {
      timeRound(work);
    } while (System.nanoTime() - warmStart < warmupNanos);
    double[] rates = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      rates[r] = timeRound(work);
    }
    Arrays.sort(rates);
    return rates[rounds / 2];
  }

  /**
   * One round of work, timed by this thread's CPU time, not the wall clock: on a shared machine the
   * wall clock counts other processes' time slices, the thread's CPU time only its own core time.
   */
  private double timeRound(LongSupplier work) {
    long units = 0;
    long start = CPU.getCurrentThreadCpuTime();
    long elapsed;
    do {
      units += work.getAsLong();
      elapsed = CPU.getCurrentThreadCpuTime() - start;
    } while (elapsed < roundNanos);
    return units * 1e9 / elapsed;
  }
}
