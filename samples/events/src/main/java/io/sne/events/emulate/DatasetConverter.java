package io.sne.events.emulate;

import io.sne.events.EventBuffer;
import io.sne.events.datasets.ImageDataset;
import io.sne.events.format.Evt2Writer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Converts image datasets into one EVT 2.0 recording per image ({@code <split>-<index>.raw}) plus a
 * label index {@code labels.csv} with the columns {@code file,label,sourceIndex,split} and
 * {@code classes.txt} (class names, one per line, line number = label).
 */
public final class DatasetConverter {
  public static final String LABELS_FILE = "labels.csv";
  public static final String CLASSES_FILE = "classes.txt";

  /** Which images of a split to convert: the first {@code perClass} of each class, or all (0). */
  public record Selection(int perClass, int limit) {
    public static Selection all() {
      return new Selection(0, 0);
    }

    List<Integer> indices(ImageDataset dataset) {
      List<Integer> chosen = new ArrayList<>();
      int[] taken = new int[dataset.classNames().size()];
      for (int i = 0; i < dataset.size() && (limit <= 0 || chosen.size() < limit); i++) {
        int label = dataset.label(i);
        if (perClass <= 0 || taken[label] < perClass) {
          taken[label]++;
          chosen.add(i);
        }
      }
      return chosen;
    }
  }

  public record Result(int samples, long events, long onEvents, Path labelsFile) {}

  private record Job(ImageDataset dataset, String split, int index) {
    String fileName() {
      return String.format("%s-%05d.raw", split, index);
    }
  }

  private final DvsEmulator emulator;
  private final long runSeed;
  private final int threads;
  private final boolean showProgress;

  public DatasetConverter(DvsEmulator emulator, long runSeed, int threads, boolean showProgress) {
    this.emulator = emulator;
    this.runSeed = runSeed;
    this.threads = Math.max(1, threads);
    this.showProgress = showProgress;
  }

  /** Converts the given splits (e.g. "train" and "test" of one dataset) into {@code outputDir}. */
  public Result convert(List<ImageDataset> splits, Selection selection, Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    List<Job> jobs = new ArrayList<>();
    for (ImageDataset dataset : splits) {
      String split = dataset.name().substring(dataset.name().lastIndexOf('/') + 1);
      for (int index : selection.indices(dataset)) {
        jobs.add(new Job(dataset, split, index));
      }
    }
    AtomicLong events = new AtomicLong();
    AtomicLong onEvents = new AtomicLong();
    ProgressBarBuilder bar = new ProgressBarBuilder()
        .setTaskName("emulate").setInitialMax(jobs.size()).setStyle(ProgressBarStyle.ASCII).setUnit(" samples", 1)
        .setUpdateIntervalMillis(250);
    ForkJoinPool pool = new ForkJoinPool(threads);
    try (ProgressBar progress = showProgress ? bar.build() : null) {
      pool.submit(() -> IntStream.range(0, jobs.size()).parallel().forEach(j -> {
        Job job = jobs.get(j);
        EventBuffer sample = emulator.emulate(job.dataset.image(job.index), job.dataset.width(),
            job.dataset.height(), SampleSeeds.of(runSeed, job.split, job.index));
        try (Evt2Writer writer = new Evt2Writer(outputDir.resolve(job.fileName()), emulator.config().sensor())) {
          writer.write(sample);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        events.addAndGet(sample.size());
        onEvents.addAndGet(sample.countOn());
        if (progress != null) {
          progress.step();
        }
      })).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IllegalStateException("emulation failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      pool.shutdown();
    }
    Path labels = outputDir.resolve(LABELS_FILE);
    try (Writer w = Files.newBufferedWriter(labels, StandardCharsets.UTF_8)) {
      w.write("file,label,sourceIndex,split\n");
      for (Job job : jobs) {
        w.write(job.fileName() + "," + job.dataset.label(job.index) + "," + job.index + "," + job.split + "\n");
      }
    }
    if (!splits.isEmpty()) {
      Files.write(outputDir.resolve(CLASSES_FILE), splits.get(0).classNames(), StandardCharsets.UTF_8);
    }
    return new Result(jobs.size(), events.get(), onEvents.get(), labels);
  }
}
