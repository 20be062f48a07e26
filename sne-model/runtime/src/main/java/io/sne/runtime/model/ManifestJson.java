package io.sne.runtime.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON mapper for manifests: unknown keys are ignored (newer minor additions), nulls omitted. */
public final class ManifestJson {
  private ManifestJson() {}

  public static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  public static String write(Manifest m) {
    try {
      return MAPPER.writeValueAsString(m);
    } catch (Exception e) {
      throw new IllegalStateException("cannot serialise manifest: " + e.getMessage(), e);
    }
  }

  public static Manifest read(JsonNode tree) throws Exception {
    return MAPPER.treeToValue(tree, Manifest.class);
  }
}
