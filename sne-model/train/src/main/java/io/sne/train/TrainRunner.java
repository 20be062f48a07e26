package io.sne.train;

import io.sne.train.data.Datasets;
import io.sne.train.data.EventFolder;
import io.sne.events.emulate.EmulatorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Resolves a config into dataset, input encoder and energy meter, and runs the pipeline. */
public final class TrainRunner {
  private TrainRunner() {}

  /** Energy priced by the runtime with the horowitz45-fp32 profile (the manifest's default). */
  public static TrainPipeline.Result run(TrainConfig cfg) throws IOException {
    return run(cfg, runtimeMeter());
  }

  public static EnergyMeter runtimeMeter() {
    return new RuntimeEnergyMeter(io.sne.runtime.energy.EnergyProfile.HOROWITZ45_FP32, 500);
  }

  public static TrainPipeline.Result run(TrainConfig cfg, EnergyMeter energy) throws IOException {
    if (cfg.dataset.name.equalsIgnoreCase(EVENT_FOLDER)) {
      RecordedEvents.Loaded folder = loadEventFolder(cfg);
      java.nio.file.Files.createDirectories(Path.of(cfg.workDir));
      new TrainLog(Path.of(cfg.workDir)).line("event folder %s: %d train + %d test recordings, sensor %dx%d; the teacher reads each "
          + "recording's event frame (its %d frames summed over time, 2 x %d x %d, over its largest count), the students the frames",
          cfg.dataset.path, folder.split().train().size(), folder.split().test().size(), folder.encoder().spec().sensorWidth(),
          folder.encoder().spec().sensorHeight(), cfg.student.timeSteps, folder.encoder().spec().height(), folder.encoder().spec().width());
      return new TrainPipeline(cfg, folder.encoder(), energy).run(folder.split());
    }
    Datasets.Split data = load(cfg.dataset.name, cfg.dataset.path);
    return new TrainPipeline(cfg, encoder(cfg, data), energy).run(data);
  }

  /** Labelled recordings (N-MNIST-style tree or labels.csv folder), binned with the config's T, dtUs and frame type. */
  public static final String EVENT_FOLDER = "event-folder";

  public static RecordedEvents.Loaded loadEventFolder(TrainConfig cfg) throws IOException {
    var listing = EventFolder.list(cfg.dataset.path == null ? null : Path.of(cfg.dataset.path), cfg.dataset.trainSplit, cfg.dataset.testSplit);
    return RecordedEvents.load(listing, cfg.student.timeSteps, cfg.student.dtUs, cfg.student.frame);
  }

  public static Datasets.Split load(String name, String path) throws IOException {
    Path dir = path == null ? null : Path.of(path);
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "fashion-mnist", "fashion-mnist-events" -> Datasets.fashionMnist(dir);
      case "mnist" -> Datasets.mnist(dir);
      case "cifar10" -> Datasets.cifar10(dir);
      case EVENT_FOLDER -> throw new IllegalArgumentException("dataset 'event-folder' holds recordings, not images: load it with loadEventFolder");
      default -> throw new IllegalArgumentException("unknown dataset.name '" + name + "', expected fashion-mnist, fashion-mnist-events, mnist, cifar10 or event-folder");
    };
  }

  static InputEncoder encoder(TrainConfig cfg, Datasets.Split data) {
    if (cfg.dataset.name.endsWith("-events")) {
      // emulated recordings of the static images; the teacher keeps seeing the static image (cross-modal distillation)
      return new EventsEncoder(EmulatorConfig.nmnistLike(), cfg.student.timeSteps, cfg.student.dtUs, cfg.student.frame, cfg.dataset.name,
          cfg.dataset.emulationThreads, cfg.student.eventFilters);
    }
    return InputEncoder.direct(data.train().channels(), data.train().height(), data.train().width(), cfg.student.timeSteps);
  }
}
