package io.sne.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.sne.events.EventBuffer;
import io.sne.events.emulate.EmulatorConfig;
import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.SneModel;
import io.sne.train.data.Datasets;
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

  public static EvalInputs load(SneModel model, String dataPathOverride, int limit) throws IOException {
    JsonNode prov = model.manifest().provenance();
    JsonNode cfg = prov == null ? null : prov.get("config");
    if (cfg == null || cfg.get("dataset") == null) {
      throw new IOException("model " + model.name() + " has no provenance.config.dataset: cannot tell which test set it belongs to");
    }
    String dataset = cfg.get("dataset").get("name").asText();
    JsonNode p = cfg.get("dataset").get("path");
    String path = dataPathOverride != null ? dataPathOverride : (p == null || p.isNull() ? null : p.asText());
    long seed = cfg.get("seed").asLong();
    int testLimit = cfg.get("dataset").get("testLimit").asInt();
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
}
