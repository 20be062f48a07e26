package io.sne.cli;

import io.sne.runtime.energy.EnergyProfile;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.model.GateSpec;
import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.LayerSpec;
import io.sne.runtime.model.Manifest;
import io.sne.runtime.model.Shape;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.StudentGeometry;
import io.sne.runtime.model.StudentSpec;
import io.sne.runtime.model.Tensor;
import io.sne.runtime.model.TensorNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Prints a model file's architecture, sizes and per-student parameter counts (for {@code sne inspect}). */
public final class InspectModel {
  private InspectModel() {}

  public static void print(Path model, PrintStream out) throws IOException {
    SneModel m = SneModel.load(model);
    Manifest mf = m.manifest();
    InputSpec in = m.input();
    out.printf("model      %s  (%s, %,d bytes, tensors sha256 %s)%n", m.name(), model, Files.size(model),
        m.sha256().substring(0, 16) + "...");
    out.printf("format     %s v%d%n", mf.format(), mf.formatVersion());
    if (in.events()) {
      out.printf("input      events: %dx%dx%d (OFF, ON) from a %dx%d sensor, %s frames, T=%d steps x dt=%,d us"
              + " (window %.1f ms)%n", in.channels(), in.height(), in.width(), in.sensorWidth(), in.sensorHeight(),
          in.frame(), in.timeSteps(), in.dtUs(), in.windowUs() / 1000.0);
      java.util.List<String> filters = io.sne.train.EdgeFilters.trainedBehind(m);
      if (!filters.isEmpty()) {
        out.printf("           trained behind the edge filters %s: feed it events filtered the same way%n", String.join(", ", filters));
      }
    } else {
      out.printf("input      direct: %dx%dx%d image fed every step, T=%d steps%n", in.channels(), in.height(),
          in.width(), in.timeSteps());
    }
    out.printf("labels     %d: %s%n", m.labels().size(), String.join(", ", m.labels()));
    long total = 0;
    out.printf("students   %d%n", m.studentCount());
    for (int i = 0; i < m.studentCount(); i++) {
      StudentSpec s = m.student(i);
      StudentGeometry g = StudentGeometry.of(i, s, in);
      long params = m.parameterCount(i);
      total += params;
      long neurons = 0;
      for (int j = 0; j < s.layers().size(); j++) {
        if (!(s.layers().get(j) instanceof LayerSpec.Pool)) {
          neurons += g.layerOutput(j).size();
        }
      }
      out.printf("  student %d: %,d parameters, %,d spiking neurons, slice of %d features%n", i, params, neurons,
          s.readout().out());
      for (int j = 0; j < s.layers().size(); j++) {
        out.printf("    %d  %-44s %-10s -> %-10s %,9d params%n", j, describe(s.layers().get(j)), g.layerInput(j),
            g.layerOutput(j), tensorSize(m, TensorNames.layerWeight(i, j)) + tensorSize(m, TensorNames.layerBias(i, j)));
      }
      out.printf("    R  %-44s %-10s -> %-10s %,9d params%n", "readout (non-spiking, mean over T)", g.readoutInput(),
          new Shape(s.readout().out(), 1, 1), tensorSize(m, TensorNames.readoutWeight(i))
              + tensorSize(m, TensorNames.readoutBias(i)));
    }
    out.printf("parameters %,d in students (stored as %s), %,d in head (%.1f KiB of tensors in all)%n", total,
        m.studentStorage(), tensorSize(m, TensorNames.HEAD_WEIGHT) + tensorSize(m, TensorNames.HEAD_BIAS),
        m.tensorBytes() / 1024.0);
    var p = mf.partition();
    out.printf("partition  %s over %d %s teacher features; slice sizes %s%n", p.scheme(), p.featureDim(),
        p.featureSpace() == null ? "" : p.featureSpace(),
        p.slices().stream().map(x -> String.valueOf(x.length)).collect(Collectors.joining(", ", "[", "]")));
    out.printf("head       %d classes x %d features%n", mf.head().classes(), p.featureDim());
    GateSpec gate = mf.gate();
    out.printf("gate       %s, order %s%s%n", gate.policy(), Arrays.toString(gate.order()), gateDetail(gate));
    for (var point : gate.pareto()) {
      out.printf("             pareto: %s k=%s threshold=%s accuracy=%.4f mean energy=%.4g pJ%n",
          point.policy() == null ? "" : point.policy(), point.k(), point.threshold(), point.accuracy(), point.meanEnergyPj());
    }
    if (mf.teacher() != null) {
      out.printf("teacher    %s, %,d MACs per input%s%n", mf.teacher().name(), mf.teacher().macs(),
          mf.teacher().accuracy() == null ? "" : String.format(", accuracy %.4f", mf.teacher().accuracy()));
    }
    String profile = mf.energy() == null ? null : mf.energy().defaultProfile();
    out.printf("energy     default profile %s%n", profile == null ? "horowitz45-fp32" : profile);
    SneEnsemble ensemble = new SneEnsemble(m, EnergyProfile.HOROWITZ45_FP32);
    out.printf("state      %,d bytes per stream at window start (live students' potentials and readouts)%n",
        ensemble.newState().sizeBytes());
    if (mf.provenance() != null && !mf.provenance().isEmpty()) {
      out.printf("provenance %s%n", mf.provenance());
    }
  }

  private static String gateDetail(GateSpec g) {
    return switch (g.policy()) {
      case GateSpec.FIXED_K -> ", k=" + g.k();
      case GateSpec.CASCADE -> g.margin() != null ? ", stop at top-2 margin >= " + g.margin()
          : ", stop at confidence >= " + g.confidence();
      default -> ", linear gate over " + GateSpec.LEARNED_FEATURES;
    };
  }

  private static String describe(LayerSpec layer) {
    if (layer instanceof LayerSpec.Conv c) {
      return String.format("conv %d->%d k%d s%d p%d, LIF b=%.3g th=%.3g %s", c.in(), c.out(), c.kernel(), c.stride(),
          c.padding(), c.lif().beta(), c.lif().threshold(), c.lif().reset());
    }
    if (layer instanceof LayerSpec.Dense d) {
      return String.format("dense %d->%d, LIF b=%.3g th=%.3g %s", d.in(), d.out(), d.lif().beta(),
          d.lif().threshold(), d.lif().reset());
    }
    LayerSpec.Pool p = (LayerSpec.Pool) layer;
    return p.mode() + " pool " + p.kernel() + "x" + p.kernel();
  }

  private static long tensorSize(SneModel m, String name) {
    Tensor t = m.tensor(name);
    return t == null ? 0 : t.size();
  }
}
