package io.sne.runtime.bench;

import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.Shape;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.snn.ConvProjection;
import io.sne.runtime.snn.SpikeEvents;
import java.util.Random;

/** The inputs of the benchmarks, seeded, shared by {@link ModelBench} and the JMH benchmarks. */
public final class BenchWorkloads {
  /** Events per window of the events/s benchmark: an N-MNIST sample has about 4k events in 300 ms at 34x34. */
  public static final int EVENTS_PER_WINDOW = 4_000;

  private BenchWorkloads() {}

  /** Windows of uniformly random events (time-ordered) for the reference model. */
  public static EventWindow[] windows(SneModel model, int count, int eventsPerWindow, long seed) {
    EventWindow[] w = new EventWindow[count];
    for (int i = 0; i < count; i++) {
      w[i] = RandomModels.events(seed + i, model.input(), eventsPerWindow, i * model.input().windowUs());
    }
    return w;
  }

  /** Dense channel-major frames [T][inputs] where a {@code density} fraction of cells hold one event. */
  public static float[][] frames(InputSpec input, double density, long seed) {
    Random rnd = new Random(seed);
    float[][] frames = new float[input.timeSteps()][input.size()];
    for (float[] f : frames) {
      for (int i = 0; i < f.length; i++) {
        if (rnd.nextDouble() < density) {
          f[i] = 1f;
        }
      }
    }
    return frames;
  }

  /** The synaptic-op kernel workload: conv 8->16, 3x3, padding 1 on 17x17 (the reference's second layer). */
  public static ConvProjection secondLayer(long seed) {
    Random rnd = new Random(seed);
    float[] w = new float[16 * 8 * 9];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (rnd.nextGaussian() * 0.3);
    }
    return new ConvProjection(new Shape(8, 17, 17), 16, 3, 1, 1, w);
  }

  /** A step's input to {@link #secondLayer}: a {@code density} fraction of its 8x17x17 sources spike. */
  public static SpikeEvents spikes(double density, long seed) {
    Random rnd = new Random(seed);
    int n = 8 * 17 * 17;
    SpikeEvents e = new SpikeEvents(n);
    for (int i = 0; i < n; i++) {
      if (rnd.nextDouble() < density) {
        e.add(i, 1f, 1);
      }
    }
    return e;
  }
}
