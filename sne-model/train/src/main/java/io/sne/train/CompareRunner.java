package io.sne.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's side-by-side tables: the same teacher and students' shape with every partition
 * scheme, and (when teacher.sliceDropoutEpochs > 0) the slice-dropout fine-tuned teacher, each trained as its own model in its own work
 * directory; the per-k test accuracies and energies are merged into the base run's summary.json
 * under "comparison" (sne eval --training-summary shows them).
 */
public final class CompareRunner {
  private CompareRunner() {}

  public static Map<String, Object> run(TrainConfig base, EnergyMeter energy) throws IOException {
    List<Object> variants = new ArrayList<>();
    for (Partition.Scheme scheme : Partition.Scheme.values()) {
      boolean isBase = Partition.Scheme.parse(base.partition.scheme) == scheme && base.teacher.sliceDropoutEpochs == 0;
      // the base configuration's own scheme resumes from the base run instead of training the same model again
      TrainConfig c = isBase ? copy(base) : variant(base, scheme.id());
      c.partition.scheme = scheme.id();
      variants.add(entry(scheme.id(), "frozen", TrainRunner.run(c, energy).summary()));
    }
    if (base.teacher.sliceDropoutEpochs > 0) {
      // The base configuration itself is the fine-tuned variant: run it in its own workDir, so after
      // `sne train --compare` it resumes from the base run's checkpoints instead of fine-tuning again.
      variants.add(entry(base.partition.scheme, "slice-dropout fine-tuned", TrainRunner.run(copy(base), energy).summary()));
    }
    Map<String, Object> comparison = new LinkedHashMap<>();
    comparison.put("variants", variants);
    Path summary = Path.of(base.workDir).resolve("summary.json");
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    @SuppressWarnings("unchecked")
    Map<String, Object> s = Files.isRegularFile(summary) ? json.readValue(summary.toFile(), Map.class) : new LinkedHashMap<>();
    s.put("comparison", comparison);
    Files.createDirectories(summary.getParent());
    json.writeValue(summary.toFile(), s);
    return comparison;
  }

  private static TrainConfig copy(TrainConfig base) {
    return new ObjectMapper().convertValue(new ObjectMapper().convertValue(base, Map.class), TrainConfig.class);
  }

  private static TrainConfig variant(TrainConfig base, String tag) {
    TrainConfig c = copy(base);
    c.name = base.name + "-" + tag;
    c.workDir = base.workDir + "-compare/" + tag;
    c.output = c.workDir + "/" + c.name + ".safetensors";
    c.baseline.annEpochs = 0;
    c.teacher.sliceDropoutEpochs = 0;
    return c;
  }

  private static Map<String, Object> entry(String scheme, String teacher, Map<String, Object> summary) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("partition", scheme);
    e.put("teacher", teacher);
    Object t = summary.containsKey("teacherFineTuned") ? summary.get("teacherFineTuned") : summary.get("teacher");
    e.put("teacherSummary", t);
    e.put("perK", summary.get("perK"));
    return e;
  }
}
