package io.sne.runtime.model;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Checks that a manifest and its tensors describe one consistent model; messages name the field. */
final class ModelValidator {
  private final Manifest m;
  private final Map<String, Tensor> tensors;
  private final Set<String> expected = new HashSet<>();

  private ModelValidator(Manifest m, Map<String, Tensor> tensors) {
    this.m = m;
    this.tensors = tensors;
  }

  /** @throws IllegalArgumentException describing the first inconsistency found */
  static void validate(Manifest m, Map<String, Tensor> tensors) {
    new ModelValidator(m, tensors).run();
  }

  private void run() {
    require(Manifest.FORMAT.equals(m.format()), "format is '" + m.format() + "', expected '" + Manifest.FORMAT + "'");
    require(m.formatVersion() == Manifest.FORMAT_VERSION,
        "formatVersion " + m.formatVersion() + " is not supported (this runtime reads " + Manifest.FORMAT_VERSION + ")");
    require(m.input() != null, "manifest has no 'input'");
    require(!m.students().isEmpty(), "manifest has no students");
    require(m.partition() != null, "manifest has no 'partition'");
    require(m.head() != null && m.head().classes() > 0, "manifest needs head.classes > 0");
    int n = m.students().size();
    int d = m.partition().featureDim();
    int c = m.head().classes();
    require(m.labels().isEmpty() || m.labels().size() == c,
        "labels has " + m.labels().size() + " entries but head.classes is " + c);
    for (int i = 0; i < n; i++) {
      checkStudent(i, m.students().get(i));
    }
    checkPartition(n, d);
    shape(TensorNames.PARTITION_MEANS, true, d);
    shape(TensorNames.HEAD_WEIGHT, true, c, d);
    shape(TensorNames.HEAD_BIAS, false, c);
    checkGate(n);
    for (String name : tensors.keySet()) {
      require(expected.contains(name), "unexpected tensor '" + name + "' (not part of this architecture)");
    }
  }

  private void checkStudent(int i, StudentSpec s) {
    StudentGeometry g = StudentGeometry.of(i, s, m.input());
    for (int j = 0; j < s.layers().size(); j++) {
      LayerSpec layer = s.layers().get(j);
      if (layer instanceof LayerSpec.Conv conv) {
        shape(TensorNames.layerWeight(i, j), true, conv.out(), conv.in(), conv.kernel(), conv.kernel());
        shape(TensorNames.layerBias(i, j), false, conv.out());
      } else if (layer instanceof LayerSpec.Dense dense) {
        shape(TensorNames.layerWeight(i, j), true, dense.out(), dense.in());
        shape(TensorNames.layerBias(i, j), false, dense.out());
      } else if (layer instanceof LayerSpec.Pool pool) {
        String where = "students[" + i + "].layers[" + j + "]: ";
        require(j > 0 || m.input().events(), where + "pooling an analog (direct) input is not supported");
        require(!(j > 0 && s.layers().get(j - 1) instanceof LayerSpec.Pool && LayerSpec.Pool.AVG.equals(pool.mode())),
            where + "avg pooling right after another pooling layer is not supported; merge them");
      }
    }
    ReadoutSpec r = s.readout();
    require(r.in() == g.readoutInput().size(), "students[" + i + "].readout.in mismatch");
    shape(TensorNames.readoutWeight(i), true, r.out(), r.in());
    shape(TensorNames.readoutBias(i), false, r.out());
  }

  private void checkPartition(int n, int d) {
    PartitionSpec p = m.partition();
    require(d > 0, "partition.featureDim must be > 0");
    require(p.slices().size() == n, "partition has " + p.slices().size() + " slices for " + n + " students");
    boolean[] used = new boolean[d];
    for (int i = 0; i < n; i++) {
      int[] slice = p.slices().get(i);
      int out = m.students().get(i).readout().out();
      require(slice.length == out, "partition.slices[" + i + "] has " + slice.length
          + " dimensions but students[" + i + "].readout.out is " + out);
      for (int dim : slice) {
        require(dim >= 0 && dim < d, "partition.slices[" + i + "] has dimension " + dim + " outside [0, " + d + ")");
        require(!used[dim], "partition.slices: dimension " + dim + " appears in more than one slice");
        used[dim] = true;
      }
    }
  }

  private void checkGate(int n) {
    GateSpec gate = m.gate();
    require(gate != null, "manifest has no 'gate'");
    require(gate.order() != null && gate.order().length > 0, "gate.order is empty");
    boolean[] seen = new boolean[n];
    for (int s : gate.order()) {
      require(s >= 0 && s < n, "gate.order names student " + s + " but there are " + n);
      require(!seen[s], "gate.order names student " + s + " twice");
      seen[s] = true;
    }
    if (GateSpec.FIXED_K.equals(gate.policy())) {
      require(gate.k() != null && gate.k() >= 1 && gate.k() <= gate.order().length,
          "gate.k must be in [1, " + gate.order().length + "] for fixed-k, got " + gate.k());
    }
    if (GateSpec.LEARNED.equals(gate.policy())) {
      shape(TensorNames.GATE_WEIGHT, true, n, GateSpec.LEARNED_FEATURES.size());
      shape(TensorNames.GATE_BIAS, true, n);
    }
  }

  private void shape(String name, boolean required, int... dims) {
    expected.add(name);
    Tensor t = tensors.get(name);
    if (t == null) {
      require(!required, "missing tensor '" + name + "' (expected shape " + Arrays.toString(dims) + ")");
      return;
    }
    require(Arrays.equals(t.shape(), dims), "tensor '" + name + "' has shape " + Arrays.toString(t.shape())
        + " but the architecture needs " + Arrays.toString(dims));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
