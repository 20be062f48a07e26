package io.sne.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sne.runtime.bench.RandomModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  @TempDir Path dir;

  private Path saved() throws Exception {
    Path file = dir.resolve("m.safetensors");
    RandomModels.reference(7).save(file);
    return file;
  }

  @Test
  void roundTripKeepsManifestAndEveryTensorBitForBit() throws Exception {
    SneModel original = RandomModels.reference(7);
    Path file = dir.resolve("m.safetensors");
    original.save(file);
    SneModel loaded = SneModel.load(file);
    assertThat(loaded.tensorNames()).containsExactlyInAnyOrderElementsOf(original.tensorNames());
    for (String name : original.tensorNames()) {
      assertThat(loaded.tensor(name).shape()).as(name).isEqualTo(original.tensor(name).shape());
      assertThat(loaded.tensor(name).data()).as(name).isEqualTo(original.tensor(name).data());
    }
    assertThat(loaded.labels()).isEqualTo(original.labels());
    assertThat(loaded.input()).isEqualTo(original.input());
    assertThat(loaded.studentCount()).isEqualTo(4);
    assertThat(loaded.teacherMacs()).isEqualTo(19_100_000L);
    assertThat(loaded.manifest().students()).isEqualTo(original.manifest().students());
    assertThat(loaded.sha256()).isEqualTo(original.sha256()).hasSize(64);
  }

  @Test
  void fileIsStandardSafetensorsWithManifestInMetadata() throws Exception {
    byte[] bytes = Files.readAllBytes(saved());
    long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(headerLen % 8).isZero();
    JsonNode header = ManifestJson.MAPPER.readTree(new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8));
    JsonNode manifest = ManifestJson.MAPPER.readTree(header.path("__metadata__").path("sne.manifest").asText());
    assertThat(manifest.path("format").asText()).isEqualTo("sne-model");
    JsonNode w = header.path("students.0.layers.0.weight");
    assertThat(w.path("dtype").asText()).isEqualTo("F32");
    assertThat(w.path("shape").toString()).isEqualTo("[8,2,3,3]");
    // The bytes at the tensor's offsets are its little-endian float32 values.
    long begin = w.path("data_offsets").get(0).asLong();
    float first = ByteBuffer.wrap(bytes, (int) (8 + headerLen + begin), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
    assertThat(first).isEqualTo(RandomModels.reference(7).tensor("students.0.layers.0.weight").data()[0]);
  }

  @Test
  void truncatedFileIsRefusedAsTruncated() throws Exception {
    Path file = saved();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
    assertThatThrownBy(() -> SneModel.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining(file.toString())
        .satisfies(e -> assertThat(((ModelFileException) e).problem()).isEqualTo(ModelFileException.Problem.TRUNCATED));
  }

  @Test
  void corruptHeaderIsRefusedAsCorrupt() throws Exception {
    Path file = saved();
    byte[] bytes = Files.readAllBytes(file);
    bytes[8] = '#'; // the header's opening brace
    Files.write(file, bytes);
    assertThatThrownBy(() -> SneModel.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("corrupt")
        .hasMessageContaining("not valid JSON")
        .satisfies(e -> assertThat(((ModelFileException) e).problem()).isEqualTo(ModelFileException.Problem.CORRUPT));
  }

  @Test
  void changedWeightIsRefusedAsTampered() throws Exception {
    Path file = saved();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 0x10; // one bit of the last float
    Files.write(file, bytes);
    assertThatThrownBy(() -> SneModel.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("tampered")
        .hasMessageContaining("SHA-256")
        .satisfies(e -> assertThat(((ModelFileException) e).problem()).isEqualTo(ModelFileException.Problem.TAMPERED));
  }

  @Test
  void unknownFormatVersionIsRefusedAsIncompatible() throws Exception {
    Path file = saved();
    rewriteManifest(file, m -> m.put("formatVersion", 99));
    assertThatThrownBy(() -> SneModel.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("incompatible")
        .hasMessageContaining("formatVersion 99")
        .satisfies(e -> assertThat(((ModelFileException) e).problem())
            .isEqualTo(ModelFileException.Problem.INCOMPATIBLE));
  }

  @Test
  void shapeThatDisagreesWithArchitectureIsRefusedAsIncompatible() throws Exception {
    Path file = saved();
    rewriteManifest(file, m -> ((ObjectNode) m.path("students").get(0).path("readout")).put("out", 15));
    assertThatThrownBy(() -> SneModel.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("incompatible")
        .hasMessageContaining("students.0.readout.weight");
  }

  @Test
  void builderRejectsMissingTensorNamingIt() {
    SneModel ref = RandomModels.reference(1);
    SneModel.Builder b = SneModel.builder(ref.manifest());
    for (String name : ref.tensorNames()) {
      if (!name.equals("head.weight")) {
        b.tensor(name, ref.tensor(name).shape(), ref.tensor(name).data());
      }
    }
    assertThatThrownBy(b::build).hasMessageContaining("missing tensor 'head.weight'");
  }

  /** Rewrites the manifest inside the header (keeping the data section, so the checksum still matches). */
  private static void rewriteManifest(Path file, java.util.function.Consumer<ObjectNode> edit) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    int headerLen = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    ObjectNode header = (ObjectNode) ManifestJson.MAPPER.readTree(new String(bytes, 8, headerLen, StandardCharsets.UTF_8));
    ObjectNode meta = (ObjectNode) header.get("__metadata__");
    ObjectNode manifest = (ObjectNode) ManifestJson.MAPPER.readTree(meta.get("sne.manifest").asText());
    edit.accept(manifest);
    meta.put("sne.manifest", manifest.toString());
    byte[] json = ManifestJson.MAPPER.writeValueAsBytes(header);
    ByteBuffer out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(json.length).put(json).put(bytes, 8 + headerLen, bytes.length - 8 - headerLen);
    Files.write(file, out.array());
  }
}
