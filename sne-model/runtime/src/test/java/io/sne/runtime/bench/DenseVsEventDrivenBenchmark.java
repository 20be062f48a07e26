package io.sne.runtime.bench;

import io.sne.runtime.encode.StepInput;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.snn.DenseReference;
import io.sne.runtime.snn.SpikeEvents;
import io.sne.runtime.snn.StudentNetwork;
import io.sne.runtime.snn.StudentState;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One reference student over one window (T=10) at a given input density: event-driven vs the
 * dense time-stepped reference (same maths, identical outputs). Speed-up = dense time / event time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DenseVsEventDrivenBenchmark {
  @Param({"0.01", "0.05", "0.20"})
  double density;

  SneModel model;
  float[][] frames;
  int[][] active;
  StudentNetwork net;
  StudentState state;
  StudentNetwork.Scratch scratch;
  StepInput in;
  SpikeEvents events;
  float[] out;

  @Setup
  public void setUp() {
    model = RandomModels.reference(42);
    frames = BenchWorkloads.frames(model.input(), density, 100);
    active = new int[frames.length][];
    for (int t = 0; t < frames.length; t++) {
      float[] frame = frames[t];
      active[t] = java.util.stream.IntStream.range(0, frame.length).filter(i -> frame[i] != 0f).toArray();
    }
    net = new StudentNetwork(model, 0);
    state = net.newState();
    scratch = net.newScratch();
    in = new StepInput(model.input());
    events = new SpikeEvents(model.input().size());
    out = new float[net.outputSize()];
  }

  @Benchmark
  public float[] eventDriven() {
    state.reset();
    for (int[] step : active) {
      for (int index : step) {
        in.addEvent(index);
      }
      in.drainTo(events);
      net.step(state, events, scratch);
    }
    return net.output(state, out);
  }

  @Benchmark
  public float[] dense() {
    DenseReference ref = new DenseReference(model, 0);
    for (float[] frame : frames) {
      ref.step(frame);
    }
    return ref.output();
  }
}
