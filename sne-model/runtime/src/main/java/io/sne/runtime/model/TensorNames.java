package io.sne.runtime.model;

/** The tensor naming scheme of docs/model-file.md, in one place. */
public final class TensorNames {
  private TensorNames() {}

  /** Every tensor of the students, and only theirs, starts with this. */
  public static final String STUDENTS_PREFIX = "students.";
  public static final String PARTITION_MEANS = "partition.means";
  public static final String HEAD_WEIGHT = "head.weight";
  public static final String HEAD_BIAS = "head.bias";
  public static final String GATE_WEIGHT = "gate.weight";
  public static final String GATE_BIAS = "gate.bias";

  public static String layerWeight(int student, int layer) {
    return STUDENTS_PREFIX + student + ".layers." + layer + ".weight";
  }

  public static String layerBias(int student, int layer) {
    return STUDENTS_PREFIX + student + ".layers." + layer + ".bias";
  }

  public static String readoutWeight(int student) {
    return STUDENTS_PREFIX + student + ".readout.weight";
  }

  public static String readoutBias(int student) {
    return STUDENTS_PREFIX + student + ".readout.bias";
  }
}
