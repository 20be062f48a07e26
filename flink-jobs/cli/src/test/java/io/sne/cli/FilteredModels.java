package io.sne.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sne.runtime.bench.RandomModels;
import io.sne.runtime.model.ManifestJson;
import io.sne.runtime.model.SafetensorsFile;
import io.sne.runtime.model.SneModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Model files as {@code sne train} writes them with {@code student.eventFilters}: the reference model, filters in its provenance. */
final class FilteredModels {
  private FilteredModels() {}

  static Path write(Path file, String... filters) throws IOException {
    Path plain = file.resolveSibling(file.getFileName() + ".plain");
    RandomModels.reference(1).save(plain);
    SafetensorsFile.Contents c = SafetensorsFile.read(plain);
    ObjectNode manifest = (ObjectNode) ManifestJson.MAPPER.readTree(c.metadata().get(SneModel.METADATA_KEY));
    ArrayNode specs = manifest.putObject("provenance").putObject("config").putObject("student").putArray("eventFilters");
    for (String f : filters) {
      specs.add(f);
    }
    SafetensorsFile.write(file, Map.of(SneModel.METADATA_KEY, ManifestJson.MAPPER.writeValueAsString(manifest)), c.tensors());
    return file;
  }
}
