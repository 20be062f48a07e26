package io.sne.runtime.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sne.runtime.model.ModelFileException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors container: {@code u64 LE header length | JSON header | data section}. Reads and
 * writes F32, F16, BF16 and I32 tensors (float32 in memory, see {@link DType}) plus string metadata, and checks the container's own consistency; what the
 * tensors mean is {@link SneModel}'s business.
 */
public final class SafetensorsFile {
  /** Headers beyond this are not plausible for our models and would only exhaust memory. */
  private static final long MAX_HEADER_BYTES = 64L << 20;

  public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors, byte[] dataSection) {}

  private SafetensorsFile() {}

  public static Contents read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String where = file.toString();
    if (bytes.length < 8) {
      throw new ModelFileException(Problem.TRUNCATED, where + ": truncated: " + bytes.length
          + " bytes, shorter than the 8-byte safetensors header length");
    }
    long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLen < 2 || headerLen > MAX_HEADER_BYTES) {
      throw new ModelFileException(Problem.CORRUPT, where + ": corrupt: header length field at offset 0 says "
          + headerLen + " bytes (expected 2.." + MAX_HEADER_BYTES + "); not a safetensors file?");
    }
    if (headerLen > bytes.length - 8L) {
      throw new ModelFileException(Problem.TRUNCATED, where + ": truncated: header says " + headerLen
          + " header bytes but only " + (bytes.length - 8) + " bytes follow offset 8");
    }
    int dataStart = (int) (8 + headerLen);
    JsonNode header;
    try {
      header = ManifestJson.MAPPER.readTree(new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new ModelFileException(Problem.CORRUPT, where + ": corrupt: header (offset 8.." + dataStart
          + ") is not valid JSON: " + e.getOriginalMessage());
    }
    if (header == null || !header.isObject()) {
      throw new ModelFileException(Problem.CORRUPT, where + ": corrupt: header is not a JSON object");
    }
    int dataLen = bytes.length - dataStart;
    Map<String, String> metadata = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().equals("__metadata__")) {
        f.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
      } else {
        entries.add(entry(where, f.getKey(), f.getValue()));
      }
    }
    long needed = entries.stream().mapToLong(Entry::end).max().orElse(0);
    if (needed > dataLen) {
      throw new ModelFileException(Problem.TRUNCATED, where + ": truncated: the header's tensors need " + needed
          + " data bytes but the file holds " + dataLen + " after the header");
    }
    entries.sort(Comparator.comparingLong(Entry::begin));
    long expectedBegin = 0;
    for (Entry e : entries) {
      if (e.begin() != expectedBegin) {
        throw new ModelFileException(Problem.CORRUPT, where + ": corrupt: tensor " + e.name() + " starts at data byte "
            + e.begin() + ", expected " + expectedBegin + " (tensors must be contiguous, no overlap)");
      }
      expectedBegin = e.end();
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, dataLen).slice().order(ByteOrder.LITTLE_ENDIAN);
    for (Entry e : entries) {
      float[] values = new float[(int) ((e.end() - e.begin()) / e.dtype().bytes())];
      ByteBuffer at = data.slice((int) e.begin(), (int) (e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < values.length; i++) {
        values[i] = e.dtype().get(at, i);
      }
      tensors.put(e.name(), new Tensor(e.name(), e.shape(), values, e.dtype()));
    }
    byte[] dataSection = new byte[(int) needed];
    System.arraycopy(bytes, dataStart, dataSection, 0, (int) needed);
    return new Contents(metadata, tensors, dataSection);
  }

  private record Entry(String name, DType dtype, int[] shape, long begin, long end) {}

  private static Entry entry(String where, String name, JsonNode node) throws ModelFileException {
    String prefix = where + ": corrupt: tensor " + name + ": ";
    String dtypeName = node.path("dtype").asText("");
    DType dtype = DType.parse(dtypeName);
    if (dtype == null) {
      throw new ModelFileException(Problem.CORRUPT, prefix + "dtype '" + dtypeName + "' (expected F32, F16, BF16 or I32)");
    }
    JsonNode shapeNode = node.path("shape");
    JsonNode offsets = node.path("data_offsets");
    if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
      throw new ModelFileException(Problem.CORRUPT, prefix + "needs 'shape' and 'data_offsets' [begin, end]");
    }
    int[] shape = new int[shapeNode.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      long d = shapeNode.get(i).asLong(-1);
      if (d < 0 || d > Integer.MAX_VALUE) {
        throw new ModelFileException(Problem.CORRUPT, prefix + "bad dimension " + shapeNode.get(i));
      }
      shape[i] = (int) d;
      count *= d;
    }
    long begin = offsets.get(0).asLong(-1);
    long end = offsets.get(1).asLong(-1);
    if (begin < 0 || end < begin || end - begin != dtype.bytes() * count) {
      throw new ModelFileException(Problem.CORRUPT, prefix + "data_offsets [" + begin + ", " + end + "] do not hold "
          + count + " " + dtype.bytes() + "-byte " + dtype + " values of shape " + java.util.Arrays.toString(shape));
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  /** The data section that {@link #write} produces for these tensors (name order), for checksums. */
  public static byte[] dataSection(Map<String, Tensor> tensors) {
    long total = 0;
    for (Tensor t : tensors.values()) {
      total += (long) t.dtype().bytes() * t.size();
    }
    ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
    for (String name : sortedNames(tensors)) {
      Tensor t = tensors.get(name);
      for (float v : t.dataUnsafe()) {
        t.dtype().put(data, v);
      }
    }
    return data.array();
  }

  public static void write(Path file, Map<String, String> metadata, Map<String, Tensor> tensors) throws IOException {
    ObjectNode header = ManifestJson.MAPPER.createObjectNode();
    ObjectNode meta = header.putObject("__metadata__");
    metadata.forEach(meta::put);
    long offset = 0;
    for (String name : sortedNames(tensors)) {
      Tensor t = tensors.get(name);
      ObjectNode entry = header.putObject(name);
      entry.put("dtype", t.dtype().name());
      var shape = entry.putArray("shape");
      for (int d : t.shape()) {
        shape.add(d);
      }
      long bytes = (long) t.dtype().bytes() * t.size();
      entry.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] json = ManifestJson.MAPPER.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8; // safetensors pads the header with spaces to 8-byte alignment
    byte[] data = dataSection(tensors);
    ByteBuffer out = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded);
    out.put(json);
    for (int i = json.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    out.put(data);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, out.array());
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static List<String> sortedNames(Map<String, Tensor> tensors) {
    List<String> names = new ArrayList<>(tensors.keySet());
    names.sort(null);
    return names;
  }
}
