package io.sne.train;

import io.sne.runtime.model.DType;
import io.sne.runtime.model.Manifest;
import io.sne.runtime.model.ManifestJson;
import io.sne.runtime.model.SneModel;
import io.sne.train.nn.LifStudent;
import io.sne.train.nn.StudentArch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the trained pieces into the model file (docs/model-file.md). The students were trained to
 * output standardised slices; here the readout absorbs sd and mu (W' = diag(sd) W, b' = sd*b + mu)
 * so the runtime's readout yields the teacher-feature slice directly. The runtime's {@link SneModel}
 * validates and writes the file, so the format has one writer.
 */
public final class ModelExport {
  /**
   * Everything the file needs. inputSpec is the manifest's "input" object. learnedGate holds the
   * gate.weight / gate.bias tensors when the gate policy is {@code learned} (null otherwise).
   */
  public record Parts(String name, List<String> labels, Map<String, Object> inputSpec, List<LifStudent> students,
      String scheme, int[][] slices, float[] mu, float[] sd, float[] headWeight, float[] headBias,
      Map<String, Object> gate, Map<String, Object> teacher, Map<String, Object> provenance, LearnedGate learnedGate) {
    public Parts(String name, List<String> labels, Map<String, Object> inputSpec, List<LifStudent> students,
        String scheme, int[][] slices, float[] mu, float[] sd, float[] headWeight, float[] headBias,
        Map<String, Object> gate, Map<String, Object> teacher, Map<String, Object> provenance) {
      this(name, labels, inputSpec, students, scheme, slices, mu, sd, headWeight, headBias, gate, teacher, provenance, null);
    }
  }

  private ModelExport() {}

  public static void write(Path file, Parts p) throws IOException {
    write(file, p, DType.F32);
  }

  /** As {@link #write(Path, Parts)}, the students' tensors stored as studentStorage (F16 halves the file). */
  public static void write(Path file, Parts p, DType studentStorage) throws IOException {
    List<Tensor> tensors = new ArrayList<>();
    List<Object> studentSpecs = new ArrayList<>();
    for (int i = 0; i < p.students().size(); i++) {
      LifStudent s = p.students().get(i);
      StudentArch a = s.arch();
      int[] slice = p.slices()[i];
      String pre = "students." + i + ".";
      tensors.add(new Tensor(pre + "layers.0.weight", new int[] {a.convOut(), a.channels(), a.kernel(), a.kernel()}, s.params().values("layers.0.weight")));
      tensors.add(new Tensor(pre + "layers.0.bias", new int[] {a.convOut()}, s.params().values("layers.0.bias")));
      if (a.hasConv2()) {
        int c2 = a.conv2Index();
        tensors.add(new Tensor(pre + LifStudent.weight(c2), new int[] {a.conv2Out(), a.convOut(), a.kernel(), a.kernel()}, s.params().values(LifStudent.weight(c2))));
        tensors.add(new Tensor(pre + LifStudent.bias(c2), new int[] {a.conv2Out()}, s.params().values(LifStudent.bias(c2))));
      }
      int d = a.denseIndex();
      tensors.add(new Tensor(pre + LifStudent.weight(d), new int[] {a.hidden(), a.denseIn()}, s.params().values(LifStudent.weight(d))));
      tensors.add(new Tensor(pre + LifStudent.bias(d), new int[] {a.hidden()}, s.params().values(LifStudent.bias(d))));
      float[] w = s.params().values("readout.weight");
      float[] b = s.params().values("readout.bias");
      for (int j = 0; j < slice.length; j++) {
        float sd = p.sd()[slice[j]];
        for (int h = 0; h < a.hidden(); h++) w[j * a.hidden() + h] *= sd;
        b[j] = b[j] * sd + p.mu()[slice[j]];
      }
      tensors.add(new Tensor(pre + "readout.weight", new int[] {slice.length, a.hidden()}, w));
      tensors.add(new Tensor(pre + "readout.bias", new int[] {slice.length}, b));
      studentSpecs.add(studentSpec(a));
    }
    int dim = p.mu().length;
    tensors.add(new Tensor("partition.means", new int[] {dim}, p.mu()));
    tensors.add(new Tensor("head.weight", new int[] {p.headBias().length, dim}, p.headWeight()));
    tensors.add(new Tensor("head.bias", new int[] {p.headBias().length}, p.headBias()));
    if (p.learnedGate() != null) {
      int n = p.students().size();
      tensors.add(new Tensor("gate.weight", new int[] {n, p.learnedGate().weight().length / n}, p.learnedGate().weight()));
      tensors.add(new Tensor("gate.bias", new int[] {n}, p.learnedGate().bias()));
    }

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "sne-model");
    m.put("formatVersion", 1);
    m.put("name", p.name());
    m.put("labels", p.labels());
    m.put("input", p.inputSpec());
    m.put("students", studentSpecs);
    m.put("partition", Map.of("scheme", p.scheme(), "featureDim", dim, "featureSpace", "pre-activation", "slices", p.slices()));
    m.put("head", Map.of("classes", p.headBias().length));
    m.put("gate", p.gate());
    m.put("teacher", p.teacher());
    m.put("energy", Map.of("defaultProfile", "horowitz45-fp32"));
    Map<String, Object> prov = new LinkedHashMap<>(p.provenance());
    prov.putIfAbsent("createdBy", "sne train");
    prov.putIfAbsent("createdAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    m.put("provenance", prov);
    SneModel.Builder model = SneModel.builder(manifest(m)).studentStorage(studentStorage);
    for (Tensor t : tensors) model.tensor(t.name(), t.shape(), t.values());
    model.build().save(file);
  }

  /** A named F32 tensor, collected before the manifest it must fit is complete. */
  private record Tensor(String name, int[] shape, float[] values) {}

  /** The runtime's manifest from the map built above; the runtime then validates and writes it. */
  private static Manifest manifest(Map<String, Object> m) {
    try {
      return ManifestJson.read(ManifestJson.MAPPER.valueToTree(m));
    } catch (Exception e) {
      throw new IllegalArgumentException("exported manifest does not fit the model format: " + e.getMessage(), e);
    }
  }

  /** The manifest's layer list, in the order of the layer indices StudentArch gives. */
  static Map<String, Object> studentSpec(StudentArch a) {
    List<Object> layers = new ArrayList<>();
    layers.add(convSpec(a, a.channels(), a.convOut(), a.stride()));
    if (a.hasConv2()) layers.add(convSpec(a, a.convOut(), a.conv2Out(), a.conv2Stride()));
    if (a.hasPool()) {
      Map<String, Object> pool = new LinkedHashMap<>();
      pool.put("type", "pool");
      pool.put("mode", a.poolMode());
      pool.put("kernel", a.poolKernel());
      layers.add(pool);
    }
    Map<String, Object> dense = new LinkedHashMap<>();
    dense.put("type", "dense");
    dense.put("in", a.denseIn());
    dense.put("out", a.hidden());
    dense.put("lif", Map.of("beta", a.beta(), "threshold", a.threshold(), "reset", a.denseReset()));
    layers.add(dense);
    return Map.of("layers", layers, "readout", Map.of("in", a.hidden(), "out", a.sliceSize()));
  }

  private static Map<String, Object> convSpec(StudentArch a, int in, int out, int stride) {
    Map<String, Object> conv = new LinkedHashMap<>();
    conv.put("type", "conv");
    conv.put("in", in);
    conv.put("out", out);
    conv.put("kernel", a.kernel());
    conv.put("stride", stride);
    conv.put("padding", a.padding());
    conv.put("lif", Map.of("beta", a.beta(), "threshold", a.threshold(), "reset", a.convReset()));
    return conv;
  }

  /** The manifest's gate object from a calibration. */
  public static Map<String, Object> gate(String policy, GateCalibrator.Calibration c) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("policy", policy);
    g.put("order", c.order());
    g.put("k", c.chosen().policy().equals("fixed-k") ? c.chosen().k() : c.order().length);
    boolean learned = policy.equals("learned");
    g.put("confidence", learned ? null : c.chosen().threshold() == null ? 1.0 : c.chosen().threshold());
    g.put("margin", null);
    if (learned) g.put("costThreshold", c.chosen().threshold()); // informative: the lambda the gate's biases were cut at
    List<Object> pareto = new ArrayList<>();
    for (GateCalibrator.Point pt : c.pareto()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("policy", pt.policy());
      e.put("k", pt.k());
      e.put("threshold", pt.threshold());
      e.put("accuracy", pt.accuracy());
      e.put("meanStudents", pt.meanStudents());
      e.put("meanEnergyPj", pt.meanEnergyPj());
      pareto.add(e);
    }
    g.put("pareto", pareto);
    return g;
  }
}
