package io.sne.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The model's description, stored as JSON under {@code sne.manifest} in the safetensors header (see
 * docs/model-file.md). Everything except the weights lives here.
 */
public record Manifest(
    String format,
    int formatVersion,
    String name,
    List<String> labels,
    InputSpec input,
    List<StudentSpec> students,
    PartitionSpec partition,
    HeadSpec head,
    GateSpec gate,
    TeacherSpec teacher,
    EnergySpec energy,
    JsonNode provenance,
    TensorsSpec tensors) {

  public static final String FORMAT = "sne-model";
  public static final int FORMAT_VERSION = 1;

  public Manifest {
    labels = labels == null ? List.of() : List.copyOf(labels);
    students = students == null ? List.of() : List.copyOf(students);
  }

  /** The same manifest under another gate (evaluating the operating points of the Pareto front). */
  public Manifest withGate(GateSpec other) {
    return new Manifest(format, formatVersion, name, labels, input, students, partition, head, other, teacher,
        energy, provenance, tensors);
  }

  /** The same manifest with the tensors' checksum replaced (the writer fills it in). */
  public Manifest withTensorsSha256(String sha256) {
    return new Manifest(format, formatVersion, name, labels, input, students, partition, head, gate, teacher,
        energy, provenance, new TensorsSpec(sha256));
  }
}
