package io.sne.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.sne.events.EventBuffer;
import io.sne.events.emulate.EmulatorConfig;
import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.SneModel;
import io.sne.train.data.Datasets;
import io.sne.train.data.EventFolder;
import io.sne.train.data.LabelledImages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The test samples a model is evaluated on, rebuilt from its provenance: the same dataset and the
 * same test subset the training run measured the teacher on. Event models get their recordings
 * emulated from the test images (held as event windows, so noise can be applied to events).
 */
public record EvalInputs(LabelledImages images, List<EventWindow> windows, int[] labels) {

  public int size() {
    return labels.length;
  }

  /** How many test samples the training run measured the teacher on (0: the whole test split). */
  public static int trainedTestLimit(SneModel model) {
    JsonNode prov = model.manifest().provenance();
    JsonNode t = prov == null || prov.get("config") == null || prov.get("config").get("dataset") == null ? null
        : prov.get("config").get("dataset").get("testLimit");
    return t == null ? 0 : t.asInt();
  }

  /** The dataset name the model was trained on (provenance.config.dataset.name). */
  public static String dataset(SneModel model) throws IOException {
    JsonNode prov = model.manifest().provenance();
    JsonNode d = prov == null || prov.get("config") == null ? null : prov.get("config").get("dataset");
    if (d == null || d.get("name") == null) throw new IOException("model " + model.name() + " has no provenance.config.dataset.name");
    return d.get("name").asText();
  }

  public static EvalInputs load(SneModel model, String dataPathOverride, int limit) throws IOException {
    return load(model, dataPathOverride, limit, false);
  }

  /** The model's test subset (as trained), or with {@code wholeTestSplit} every test sample of its dataset. */
  public static EvalInputs load(SneModel model, String dataPathOverride, int limit, boolean wholeTestSplit) throws IOException {
    JsonNode prov = model.manifest().provenance();
    JsonNode cfg = prov == null ? null : prov.get("config");
    if (cfg == null || cfg.get("dataset") == null) {
      throw new IOException("model " + model.name() + " has no provenance.config.dataset: cannot tell which test set it belongs to");
    }
    String dataset = cfg.get("dataset").get("name").asText();
    JsonNode p = cfg.get("dataset").get("path");
    String path = dataPathOverride != null ? dataPathOverride : (p == null || p.isNull() ? null : p.asText());
    long seed = cfg.get("seed").asLong();
    int testLimit = wholeTestSplit ? 0 : cfg.get("dataset").get("testLimit").asInt();
    if (dataset.equalsIgnoreCase(TrainRunner.EVENT_FOLDER)) return recorded(model, cfg.get("dataset"), path, seed, testLimit, limit);
    Datasets.Split split = TrainRunner.load(dataset, path);
    LabelledImages test = testLimit > 0 ? split.test().subset(testLimit, seed + 2) : split.test();
    if (limit > 0 && limit < test.size()) test = test.first(limit);
    InputSpec spec = model.input();
    if (!spec.events()) return new EvalInputs(test, null, test.labels());
    EventsEncoder enc = new EventsEncoder(EmulatorConfig.nmnistLike(), spec.timeSteps(), spec.dtUs(), spec.frame(), dataset + "-eval",
        cfg.get("dataset").get("emulationThreads").asInt(2));
    List<EventWindow> windows = new ArrayList<>();
    for (EventBuffer b : enc.recordAll(test, seed + 12)) {
      windows.add(new EventWindow(b.timestampsUs(), b.xs(), b.ys(), b.polarities(), b.size(), 0L));
    }
    return new EvalInputs(test, windows, test.labels());
  }

  /**
   * Recorded events: the test split's recordings themselves (the same subset training measured the
   * teacher on); images hold what the teacher reads of them (their event frames summed over time).
   */
  private static EvalInputs recorded(SneModel model, JsonNode dataset, String path, long seed, int testLimit, int limit) throws IOException {
    if (path == null) throw new IOException("model " + model.name() + " was trained on an event folder but its provenance has no dataset.path; pass --data");
    String trainSplit = dataset.hasNonNull("trainSplit") ? dataset.get("trainSplit").asText() : "train";
    String testSplit = dataset.hasNonNull("testSplit") ? dataset.get("testSplit").asText() : "test";
    EventFolder.Listing listing = EventFolder.list(java.nio.file.Path.of(path), trainSplit, testSplit);
    List<EventFolder.Recording> recordings = listing.test();
    if (testLimit > 0 && testLimit < recordings.size()) {
      int[] order = LabelledImages.shuffled(recordings.size(), seed + 2); // as LabelledImages.subset picks them in training
      List<EventFolder.Recording> picked = new ArrayList<>();
      for (int i = 0; i < testLimit; i++) picked.add(recordings.get(order[i]));
      recordings = picked;
    }
    if (limit > 0 && limit < recordings.size()) recordings = recordings.subList(0, limit);
    RecordedEvents enc = new RecordedEvents(model.input());
    List<EventWindow> windows = new ArrayList<>();
    int plane = model.input().size();
    float[] teacherImages = new float[recordings.size() * plane];
    int[] labels = new int[recordings.size()];
    for (int i = 0; i < recordings.size(); i++) {
      EventWindow w = RecordedEvents.read(recordings.get(i));
      windows.add(w);
      System.arraycopy(enc.teacherImage(enc.frames(w)), 0, teacherImages, i * plane, plane);
      labels[i] = recordings.get(i).label();
    }
    LabelledImages images = new LabelledImages(teacherImages, labels, 2, model.input().height(), model.input().width(), listing.labelNames());
    return new EvalInputs(images, windows, labels);
  }
}
