package io.sne.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sne.runtime.bench.RandomModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Students stored as F16 / BF16: half the bytes, the same values after a load, the rest untouched. */
class NarrowStorageTest {
  @TempDir Path dir;

  private static SneModel stored(SneModel model, DType students) {
    SneModel.Builder b = SneModel.builder(model.manifest()).studentStorage(students);
    for (String name : model.tensorNames()) {
      b.tensor(name, model.tensor(name).shape(), model.tensor(name).data());
    }
    return b.build();
  }

  @Test
  void f16StudentsHalveTheirBytesAndLoadBackBitForBit() throws Exception {
    SneModel f32 = RandomModels.reference(3);
    SneModel f16 = stored(f32, DType.F16);
    Path f32File = dir.resolve("f32.safetensors");
    Path f16File = dir.resolve("f16.safetensors");
    f32.save(f32File);
    f16.save(f16File);

    long studentValues = f32.tensorNames().stream().filter(n -> n.startsWith("students."))
        .mapToLong(n -> f32.tensor(n).size()).sum();
    assertThat(f32.tensorBytes() - f16.tensorBytes()).isEqualTo(2 * studentValues);
    assertThat(Files.size(f32File) - Files.size(f16File)).isGreaterThanOrEqualTo(2 * studentValues - 64);

    SneModel loaded = SneModel.load(f16File);
    assertThat(loaded.sha256()).isEqualTo(f16.sha256()).isNotEqualTo(f32.sha256());
    assertThat(loaded.studentStorage()).isEqualTo(DType.F16);
    for (String name : f32.tensorNames()) {
      float[] original = f32.tensor(name).data();
      float[] back = loaded.tensor(name).data();
      assertThat(back).as(name).isEqualTo(f16.tensor(name).data());
      assertThat(loaded.tensor(name).dtype()).as(name).isEqualTo(name.startsWith("students.") ? DType.F16 : DType.F32);
      for (int i = 0; i < original.length; i++) {
        // within half an F16 ulp: 2^-11 relative for normals, 2^-25 absolute below 2^-14
        double tolerance = Math.max(Math.abs(original[i]) * 0x1p-11, 0x1p-25);
        assertThat((double) Math.abs(back[i] - original[i])).as("%s[%d]", name, i).isLessThanOrEqualTo(tolerance);
      }
    }
    Path again = dir.resolve("again.safetensors");
    loaded.save(again);
    assertThat(Files.mismatch(f16File, again)).as("save(load(file)) is the same file").isEqualTo(-1L);
  }

  @Test
  void headerNamesEachTensorsDtypeAndHoldsLittleEndianHalves() throws Exception {
    SneModel f16 = stored(RandomModels.reference(3), DType.F16);
    Path file = dir.resolve("m.safetensors");
    f16.save(file);
    byte[] bytes = Files.readAllBytes(file);
    long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    JsonNode header = ManifestJson.MAPPER.readTree(new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8));
    JsonNode w = header.path("students.1.layers.0.weight");
    assertThat(w.path("dtype").asText()).isEqualTo("F16");
    assertThat(header.path("head.weight").path("dtype").asText()).isEqualTo("F32");
    long begin = w.path("data_offsets").get(0).asLong();
    assertThat(w.path("data_offsets").get(1).asLong() - begin).isEqualTo(2L * f16.tensor("students.1.layers.0.weight").size());
    short first = ByteBuffer.wrap(bytes, (int) (8 + headerLen + begin), 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    assertThat(HalfPrecision.halfToFloat(first)).isEqualTo(f16.tensor("students.1.layers.0.weight").data()[0]);
  }

  @Test
  void bf16StudentsLoadBackBitForBit() throws Exception {
    SneModel bf16 = stored(RandomModels.reference(4), DType.BF16);
    Path file = dir.resolve("bf16.safetensors");
    bf16.save(file);
    SneModel loaded = SneModel.load(file);
    for (String name : bf16.tensorNames()) {
      assertThat(loaded.tensor(name).data()).as(name).isEqualTo(bf16.tensor(name).data());
    }
    assertThat(loaded.sha256()).isEqualTo(bf16.sha256());
  }

  @Test
  void aWeightBeyondTheHalfRangeIsRefusedNamingTheTensor() {
    SneModel ref = RandomModels.reference(1);
    SneModel.Builder b = SneModel.builder(ref.manifest()).studentStorage(DType.F16);
    for (String name : ref.tensorNames()) {
      float[] data = ref.tensor(name).data();
      if (name.equals("students.2.readout.bias")) {
        data[1] = 70_000f;
      }
      b.tensor(name, ref.tensor(name).shape(), data);
    }
    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("students.2.readout.bias").hasMessageContaining("70000").hasMessageContaining("F16");
  }
}
