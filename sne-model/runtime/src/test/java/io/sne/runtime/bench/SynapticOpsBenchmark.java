package io.sne.runtime.bench;

import io.sne.runtime.snn.ConvProjection;
import io.sne.runtime.snn.SpikeEvents;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Synaptic ops per second of the event-driven conv scatter (conv 8->16 3x3 on 17x17, 20% of sources spiking). */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SynapticOpsBenchmark {
  ConvProjection conv;
  SpikeEvents spikes;
  float[] current;

  /** JMH reports this counter per second: synaptic ops/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Ops {
    public long synapticOps;

    @Setup(Level.Iteration)
    public void clear() {
      synapticOps = 0;
    }
  }

  @Setup
  public void setUp() {
    conv = BenchWorkloads.secondLayer(1);
    spikes = BenchWorkloads.spikes(0.2, 2);
    current = new float[conv.targetCount()];
  }

  @Benchmark
  public float scatter(Ops ops) {
    ops.synapticOps += conv.accumulate(spikes, current);
    return current[0];
  }
}
