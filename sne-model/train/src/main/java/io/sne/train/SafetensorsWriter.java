package io.sne.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the model file of docs/model-file.md: u64 header length, JSON header (tensors + the
 * manifest under __metadata__["sne.manifest"], with tensors.sha256 of the data section), data.
 */
public final class SafetensorsWriter {
  /** A named F32 tensor. */
  public record Tensor(String name, long[] shape, float[] values) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsWriter() {}

  public static void write(Path file, List<Tensor> tensors, Map<String, Object> manifest) throws IOException {
    long size = 0;
    for (Tensor t : tensors) size += 4L * t.values().length;
    ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    Map<String, Object> header = new LinkedHashMap<>();
    for (Tensor t : tensors) {
      long count = 1;
      for (long d : t.shape()) count *= d;
      if (count != t.values().length) throw new IllegalArgumentException(t.name() + ": shape has " + count + " elements, values " + t.values().length);
      long begin = data.position();
      for (float v : t.values()) data.putFloat(v);
      header.put(t.name(), Map.of("dtype", "F32", "shape", t.shape(), "data_offsets", new long[] {begin, data.position()}));
    }
    Map<String, Object> m = new LinkedHashMap<>(manifest);
    m.put("tensors", Map.of("sha256", sha256(data.array())));
    Map<String, Object> full = new LinkedHashMap<>();
    full.put("__metadata__", Map.of("sne.manifest", JSON.writeValueAsString(m)));
    full.putAll(header);
    byte[] json = JSON.writeValueAsString(full).getBytes(StandardCharsets.UTF_8);
    ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    if (file.getParent() != null) Files.createDirectories(file.getParent());
    try (var out = Files.newOutputStream(tmp)) {
      out.write(len.array());
      out.write(json);
      out.write(data.array());
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
