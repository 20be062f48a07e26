package io.sne.train;

import io.sne.events.EventBuffer;
import io.sne.events.emulate.DvsEmulator;
import io.sne.events.emulate.EmulatorConfig;
import io.sne.events.emulate.SampleSeeds;
import io.sne.runtime.encode.EventFrameEncoder;
import io.sne.runtime.model.InputSpec;
import io.sne.train.data.LabelledImages;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;

/**
 * Emulated event input: each image becomes a DVS recording (io.sne.events' emulator: three
 * saccades on a 34x34 sensor), binned into per-step frames by the runtime's own EventFrameEncoder,
 * so students train on exactly the frames the runtime builds from the same events.
 */
public final class EventsEncoder extends EventInputEncoder {
  private final DvsEmulator emulator;
  private final EventFrameEncoder frames;
  private final String datasetTag;
  private final int threads;
  private final EdgeFilters filters; // null: none

  public EventsEncoder(EmulatorConfig emulatorConfig, int timeSteps, long dtUs, String frame, String datasetTag, int threads) {
    this(emulatorConfig, timeSteps, dtUs, frame, datasetTag, threads, List.of());
  }

  /** @param filterSpecs edge filters every recording passes before it is binned ({@code student.eventFilters}) */
  public EventsEncoder(EmulatorConfig emulatorConfig, int timeSteps, long dtUs, String frame, String datasetTag, int threads,
      List<String> filterSpecs) {
    super(sensorSpec(emulatorConfig, timeSteps, dtUs, frame));
    this.threads = Math.max(1, threads);
    this.emulator = new DvsEmulator(emulatorConfig);
    this.frames = new EventFrameEncoder(spec);
    this.datasetTag = datasetTag;
    this.filters = EdgeFilters.forSensor(filterSpecs, emulatorConfig.sensor(), "the students");
  }

  /** The filters change the frames, so cached frames of another filter set must not be read. */
  @Override
  public String cacheTag() {
    return filters == null ? "" : filters.describe();
  }

  private static InputSpec sensorSpec(EmulatorConfig emulatorConfig, int timeSteps, long dtUs, String frame) {
    int w = emulatorConfig.sensor().width();
    int h = emulatorConfig.sensor().height();
    return new InputSpec("events", 2, h, w, w, h, timeSteps, dtUs, frame);
  }

  public DvsEmulator emulator() {
    return emulator;
  }

  /** The recording of one image, behind the edge filters if any: deterministic in (seed, dataset, index). */
  public EventBuffer record(LabelledImages images, int index, long seed) {
    EventBuffer raw = emulator.emulate(images.image(index), images.width(), images.height(), SampleSeeds.of(seed, datasetTag, index));
    return filters == null ? raw : filters.apply(raw);
  }

  /** Frames [T*C*H*W] of one recording, window starting at 0 (the emulator's time origin). */
  public float[] frames(EventBuffer events) {
    float[][] f = frames.frames(events.timestampsUs(), events.xs(), events.ys(), events.polarities(), events.size(), 0L);
    float[] row = new float[spec.timeSteps() * spec.size()];
    for (int t = 0; t < f.length; t++) System.arraycopy(f[t], 0, row, t * spec.size(), spec.size());
    return row;
  }

  @Override
  public StudentInputs encode(LabelledImages images, long seed) {
    int rowSize = spec.timeSteps() * spec.size();
    float[] rows = new float[images.size() * rowSize];
    parallel(images.size(), "emulating events", i -> System.arraycopy(frames(record(images, i, seed)), 0, rows, i * rowSize, rowSize));
    return new StudentInputs(rows, rowSize, images.labels());
  }

  /** The recordings themselves (for evaluation under event noise). */
  public EventBuffer[] recordAll(LabelledImages images, long seed) {
    EventBuffer[] out = new EventBuffer[images.size()];
    parallel(images.size(), "emulating recordings", i -> out[i] = record(images, i, seed));
    return out;
  }

  /** Runs work(i) for i in [0, n) on the configured threads; each sample depends only on (seed, dataset, i), so the split does not change results. */
  private void parallel(int n, String task, java.util.function.IntConsumer work) {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try (ProgressBar bar = Progress.bar(task, n)) {
      java.util.List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int first = t;
        jobs.add(pool.submit(() -> {
          for (int i = first; i < n; i += threads) {
            work.accept(i);
            bar.step();
          }
        }));
      }
      for (java.util.concurrent.Future<?> j : jobs) j.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + task, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(task + " failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdown();
    }
  }
}
