package io.sne.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.sne.runtime.model.ModelFileException.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An SNE model: the manifest plus its read-only weights, validated to fit together. Build one from
 * float arrays with {@link #builder(Manifest)}, or {@link #load(Path)} a model file.
 */
public final class SneModel {
  public static final String METADATA_KEY = "sne.manifest";

  private final Manifest manifest;
  private final Map<String, Tensor> tensors;

  private SneModel(Manifest manifest, Map<String, Tensor> tensors) {
    this.manifest = manifest;
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  public static Builder builder(Manifest manifest) {
    return new Builder(manifest);
  }

  /** Collects tensors by name (see {@link TensorNames}); {@link #build()} validates the whole model. */
  public static final class Builder {
    private final Manifest manifest;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private DType studentStorage = DType.F32;

    private Builder(Manifest manifest) {
      this.manifest = manifest;
    }

    /**
     * Stores the students' tensors (nearly all of a model's bytes) as F16 or BF16: the file shrinks
     * to about half, and the built model already holds the rounded values it will load back as.
     * Head, means and gate stay F32, so they are exactly what training calibrated.
     */
    public Builder studentStorage(DType dtype) {
      if (dtype == DType.I32) {
        throw new IllegalArgumentException("students cannot be stored as I32");
      }
      this.studentStorage = dtype;
      return this;
    }

    public Builder tensor(String name, int[] shape, float[] data) {
      tensors.put(name, new Tensor(name, shape, data));
      return this;
    }

    /** @throws IllegalArgumentException naming what does not fit */
    public SneModel build() {
      tensors.replaceAll((name, t) -> name.startsWith(TensorNames.STUDENTS_PREFIX) ? t.as(studentStorage) : t);
      ModelValidator.validate(manifest, tensors);
      String sha = SafetensorsFile.sha256Hex(SafetensorsFile.dataSection(tensors));
      return new SneModel(manifest.withTensorsSha256(sha), tensors);
    }
  }

  /** Reads and fully checks a model file; every failure is a {@link ModelFileException} naming the problem. */
  public static SneModel load(Path file) throws IOException {
    SafetensorsFile.Contents contents = SafetensorsFile.read(file);
    String where = file.toString();
    String json = contents.metadata().get(METADATA_KEY);
    if (json == null) {
      throw new ModelFileException(Problem.INCOMPATIBLE, where + ": incompatible: a safetensors file without '"
          + METADATA_KEY + "' in __metadata__ is not an SNE model");
    }
    JsonNode tree;
    try {
      tree = ManifestJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new ModelFileException(Problem.CORRUPT, where + ": corrupt: manifest is not valid JSON: " + e.getMessage());
    }
    String format = tree.path("format").asText("");
    if (!Manifest.FORMAT.equals(format)) {
      throw new ModelFileException(Problem.INCOMPATIBLE, where + ": incompatible: manifest format is '" + format
          + "', expected '" + Manifest.FORMAT + "'");
    }
    int version = tree.path("formatVersion").asInt(-1);
    if (version != Manifest.FORMAT_VERSION) {
      throw new ModelFileException(Problem.INCOMPATIBLE, where + ": incompatible: formatVersion "
          + tree.path("formatVersion") + " is not supported (this runtime reads " + Manifest.FORMAT_VERSION + ")");
    }
    String recorded = tree.path("tensors").path("sha256").asText("");
    String actual = SafetensorsFile.sha256Hex(contents.dataSection());
    if (!actual.equalsIgnoreCase(recorded)) {
      throw new ModelFileException(Problem.TAMPERED, where + ": tampered: SHA-256 of the tensor data is " + actual
          + " but the manifest records " + (recorded.isEmpty() ? "none" : recorded));
    }
    Manifest manifest;
    try {
      manifest = ManifestJson.read(tree);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ModelFileException(Problem.INCOMPATIBLE, where + ": incompatible manifest: " + cause.getMessage());
    } catch (Exception e) {
      throw new ModelFileException(Problem.INCOMPATIBLE, where + ": incompatible manifest: " + e.getMessage());
    }
    try {
      ModelValidator.validate(manifest, contents.tensors());
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(Problem.INCOMPATIBLE, where + ": incompatible: " + e.getMessage());
    }
    return new SneModel(manifest, contents.tensors());
  }

  /** Writes the model file (safetensors, manifest in __metadata__, tensor checksum filled in). */
  public void save(Path file) throws IOException {
    SafetensorsFile.write(file, Map.of(METADATA_KEY, ManifestJson.write(manifest)), tensors);
  }

  /**
   * The same students and head under another gate, validated like a loaded model: a learned gate
   * needs the gate tensors, any other drops them (and the checksum then covers what is left). For
   * evaluating each calibrated operating point, not only the stored default.
   */
  public SneModel withGate(GateSpec gate) {
    Map<String, Tensor> kept = new LinkedHashMap<>(tensors);
    if (!GateSpec.LEARNED.equals(gate.policy())) {
      kept.remove(TensorNames.GATE_WEIGHT);
      kept.remove(TensorNames.GATE_BIAS);
    }
    Manifest m = manifest.withGate(gate);
    ModelValidator.validate(m, kept);
    boolean same = kept.size() == tensors.size();
    return new SneModel(same ? m : m.withTensorsSha256(SafetensorsFile.sha256Hex(SafetensorsFile.dataSection(kept))), kept);
  }

  public Manifest manifest() {
    return manifest;
  }

  public String name() {
    return manifest.name();
  }

  public List<String> labels() {
    return manifest.labels();
  }

  public InputSpec input() {
    return manifest.input();
  }

  public int studentCount() {
    return manifest.students().size();
  }

  public StudentSpec student(int i) {
    return manifest.students().get(i);
  }

  public long teacherMacs() {
    return manifest.teacher() == null ? 0 : manifest.teacher().macs();
  }

  /** Hex SHA-256 of the tensor data: identifies the weights (and guards snapshots against a model swap). */
  public String sha256() {
    return manifest.tensors().sha256();
  }

  public Set<String> tensorNames() {
    return tensors.keySet();
  }

  /** The tensor, or null when absent (an optional bias). */
  public Tensor tensor(String name) {
    return tensors.get(name);
  }

  /** Values of a tensor (a copy), or a zero array of {@code zerosIfAbsent} length when it is absent. */
  public float[] values(String name, int zerosIfAbsent) {
    Tensor t = tensors.get(name);
    return t == null ? new float[zerosIfAbsent] : t.data();
  }

  /** How the students' tensors are stored in the file (F32 unless trained with a narrower storage). */
  public DType studentStorage() {
    return tensors.values().stream().filter(t -> t.name().startsWith(TensorNames.STUDENTS_PREFIX))
        .map(Tensor::dtype).findFirst().orElse(DType.F32);
  }

  /** Bytes of the data section (what the tensors take in the file). */
  public long tensorBytes() {
    return tensors.values().stream().mapToLong(t -> (long) t.dtype().bytes() * t.size()).sum();
  }

  /** Weights and biases of student i, readout included. */
  public long parameterCount(int student) {
    String prefix = TensorNames.STUDENTS_PREFIX + student + ".";
    return tensors.values().stream().filter(t -> t.name().startsWith(prefix)).mapToLong(Tensor::size).sum();
  }
}
