package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sne.events.emulate.EmulatorConfig;
import io.sne.runtime.encode.StepInput;
import io.sne.runtime.ensemble.Decision;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.energy.EnergyProfile;
import io.sne.runtime.model.DType;
import io.sne.runtime.model.ParetoPoint;
import io.sne.runtime.model.Shape;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.snn.Layouts;
import io.sne.runtime.snn.SpikeEvents;
import io.sne.runtime.snn.StudentNetwork;
import io.sne.runtime.snn.StudentState;
import io.sne.train.data.Datasets;
import io.sne.train.data.LabelledImages;
import io.sne.train.nn.LifStudent;
import io.sne.train.nn.StudentArch;
import io.sne.train.nn.Torch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL students (as trained) and the runtime (as deployed) must be the same network: same
 * spikes in every layer at every step, same readouts, same predictions. Float sums are taken in a
 * different order (dense GEMM vs event scatter), so a membrane potential within ~1e-5 of the
 * threshold may cross on one side only; we allow at most 0.1% of spikes to differ, readouts
 * within 1e-3 relative to their scale, and require identical predicted classes.
 */
class RuntimeParityTest {
  private static final int STUDENTS = 2;
  private static final int DIM = 8;

  @Test
  void eventStudentsMatchTheRuntime(@TempDir Path dir) throws Exception {
    checkEvents(dir, 11, 3, 5, new StudentArch("events", 2, 34, 34, 6, 8, 3, 2, 1, "sum", 2, 32, DIM / STUDENTS, 0.9f, 1f, "subtract", "zero"));
  }

  @Test
  void directStudentsMatchTheRuntime(@TempDir Path dir) throws Exception {
    checkDirect(dir, 12, 4, new StudentArch("direct", 1, 28, 28, 4, 6, 3, 1, 1, "avg", 2, 24, DIM / STUDENTS, 0.8f, 0.5f, "zero", "subtract"));
  }

  /** Two conv layers, the second at stride 2 and no pooling: the layer indices shift (dense is layer 2). */
  @Test
  void twoConvStudentsWithoutPoolingMatchTheRuntime(@TempDir Path dir) throws Exception {
    StudentArch arch = new StudentArch("direct", 1, 28, 28, 4, 6, 3, 2, 1, "sum", 1, 24, DIM / STUDENTS, 0.9f, 1f, "subtract", "subtract", 8, 2);
    assertThat(arch.denseIndex()).isEqualTo(2);
    assertThat(arch.denseIn()).isEqualTo(8 * 7 * 7);
    checkDirect(dir, 13, 5, arch);
  }

  /** Two conv layers at stride 1 then sum pooling: conv2 is layer 1, pool 2, dense 3. */
  @Test
  void twoConvEventStudentsWithPoolingMatchTheRuntime(@TempDir Path dir) throws Exception {
    StudentArch arch = new StudentArch("events", 2, 34, 34, 6, 8, 3, 2, 1, "sum", 2, 32, DIM / STUDENTS, 0.9f, 1f, "subtract", "zero", 8, 1);
    assertThat(arch.denseIndex()).isEqualTo(3);
    checkEvents(dir, 14, 6, 7, arch);
  }

  /**
   * Students stored as F16 (half the file): rounded in place as the pipeline does, they still give
   * the runtime's spikes and readouts, and the file holds exactly the rounded weights.
   */
  @Test
  void f16StoredStudentsMatchTheRuntime(@TempDir Path dir) throws Exception {
    StudentArch arch = new StudentArch("direct", 1, 28, 28, 4, 6, 3, 2, 1, "sum", 1, 24, DIM / STUDENTS, 0.9f, 1f, "subtract", "subtract", 8, 2);
    Torch.init(1, 15);
    LabelledImages images = Datasets.fashionMnist(null).test().subset(12, 6);
    check(dir, arch, InputEncoder.direct(1, 28, 28, 4).inputSpec(), new StudentInputs(images.pixels(), images.imageSize(), images.labels()),
        DType.F16);
  }

  /** 12 emulated recordings of test images (seeds for torch, the image subset and the emulator). */
  private void checkEvents(Path dir, long torchSeed, long imageSeed, long emulatorSeed, StudentArch arch) throws Exception {
    Torch.init(1, torchSeed);
    LabelledImages images = Datasets.fashionMnist(null).test().subset(12, imageSeed);
    EventsEncoder enc = new EventsEncoder(EmulatorConfig.nmnistLike(), 6, 50_000, "count", "fashion-mnist-events", 1);
    check(dir, arch, enc.inputSpec(), enc.encode(images, emulatorSeed));
  }

  /** 12 static test images. */
  private void checkDirect(Path dir, long torchSeed, long imageSeed, StudentArch arch) throws Exception {
    Torch.init(1, torchSeed);
    LabelledImages images = Datasets.fashionMnist(null).test().subset(12, imageSeed);
    check(dir, arch, InputEncoder.direct(1, 28, 28, 4).inputSpec(), new StudentInputs(images.pixels(), images.imageSize(), images.labels()));
  }

  private void check(Path dir, StudentArch arch, Map<String, Object> inputSpec, StudentInputs in) throws Exception {
    check(dir, arch, inputSpec, in, DType.F32);
  }

  private void check(Path dir, StudentArch arch, Map<String, Object> inputSpec, StudentInputs in, DType storage) throws Exception {
    Random rng = new Random(1);
    int[][] slices = {{0, 2, 4, 6}, {1, 3, 5, 7}};
    float[] mu = new float[DIM];
    float[] sd = new float[DIM];
    for (int d = 0; d < DIM; d++) {
      mu[d] = (float) rng.nextGaussian();
      sd[d] = 0.5f + rng.nextFloat();
    }
    float[] headW = new float[10 * DIM];
    float[] headB = new float[10];
    for (int i = 0; i < headW.length; i++) headW[i] = (float) rng.nextGaussian();
    try (NDManager m = NDManager.newBaseManager()) {
      List<LifStudent> students = new ArrayList<>();
      for (int s = 0; s < STUDENTS; s++) students.add(new LifStudent(arch, m, 100 + s, LifStudent.Surrogate.FAST_SIGMOID, 5f, 2.5f));
      if (storage != DType.F32) {
        for (LifStudent s : students) s.params().roundTo(storage);
      }
      Path file = dir.resolve("parity.safetensors");
      int[] order = {1, 0};
      ModelExport.write(file, new ModelExport.Parts("parity", Datasets.FASHION_LABELS, inputSpec, students, "sequential", slices, mu, sd,
          headW, headB, gate(order), Map.of("name", "none", "macs", 1000), Map.of("seed", 1)), storage);
      SneModel model = SneModel.load(file);
      assertThat(model.studentStorage()).isEqualTo(storage);
      assertExportRoundTrips(model, students, slices, mu, sd, headW, headB, storage);
      SneEnsemble ensemble = new SneEnsemble(model, EnergyProfile.HOROWITZ45_FP32);

      long spikes = 0;
      long differing = 0;
      long conv2Spikes = 0;
      double maxReadoutError = 0;
      for (int s = 0; s < STUDENTS; s++) {
        LifStudent student = students.get(s);
        StudentNetwork net = ensemble.student(s);
        try (NDManager bm = m.newSubManager()) {
          LifStudent.Output out = student.forward(in.batch(bm, arch, null, 0, in.size()), false, true);
          float[] readout = out.readout().toFloatArray();
          for (int i = 0; i < in.size(); i++) {
            StudentState state = net.newState();
            StudentNetwork.Scratch scratch = net.newScratch();
            StepInput step = ensemble.newStepInput();
            SpikeEvents events = new SpikeEvents(ensemble.inputSize());
            float[] row = in.row(i);
            for (int t = 0; t < arch.timeSteps(); t++) {
              feed(step, row, arch, t);
              step.drainTo(events);
              net.step(state, events, scratch);
              long[] d0 = compare(out.convSpikes().get(t), i, new Shape(arch.convOut(), arch.convHeight(), arch.convWidth()), scratch.layerOutput(0));
              long[] d2 = compare(out.denseSpikes().get(t), i, new Shape(arch.hidden(), 1, 1), scratch.layerOutput(arch.denseIndex()));
              spikes += d0[0] + d2[0];
              differing += d0[1] + d2[1];
              if (arch.hasConv2()) {
                long[] d1 = compare(out.conv2Spikes().get(t), i, new Shape(arch.conv2Out(), arch.conv2Height(), arch.conv2Width()),
                    scratch.layerOutput(arch.conv2Index()));
                conv2Spikes += d1[0];
                spikes += d1[0];
                differing += d1[1];
              }
            }
            float[] rt = net.output(state, new float[slices[s].length]);
            for (int j = 0; j < rt.length; j++) {
              float djl = readout[i * rt.length + j] * sd[slices[s][j]] + mu[slices[s][j]];
              maxReadoutError = Math.max(maxReadoutError, Math.abs(djl - rt[j]) / (1 + Math.abs(djl)));
            }
          }
        }
      }
      System.err.printf("parity %s: %d spikes, %d differ, max readout error %.2e%n", arch.encoding(), spikes, differing, maxReadoutError);
      assertThat(spikes).as("the students must actually spike for this test to mean anything").isGreaterThan(1000);
      if (arch.hasConv2()) assertThat(conv2Spikes).as("the second conv must spike too").isGreaterThan(100);
      assertThat(differing).as("spikes differing out of " + spikes).isLessThanOrEqualTo(spikes / 1000);
      assertThat(maxReadoutError).isLessThan(1e-3);

      StudentOutputs djlOutputs = new StudentOutputs(new float[][] {
          Distiller.predict(students.get(0), in, slices[0], mu, sd, 64), Distiller.predict(students.get(1), in, slices[1], mu, sd, 64)},
          slices, mu, in.labels());
      for (int i = 0; i < in.size(); i++) {
        Decision d = RuntimeInputs.classify(ensemble, in, i);
        assertThat(d.studentsRun()).containsExactly(1, 0);
        int djl = StudentOutputs.argMax(djlOutputs.logits(i, new boolean[] {true, true}, headW, headB));
        assertThat(d.predictedClass()).as("sample " + i).isEqualTo(djl);
      }
      for (LifStudent s : students) s.close();
    }
  }

  /** A fixed-k gate with one Pareto point carrying every field the calibrator writes. */
  private static Map<String, Object> gate(int[] order) {
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("policy", "fixed-k");
    point.put("k", 1);
    point.put("threshold", null);
    point.put("accuracy", 0.75);
    point.put("meanStudents", 1.0);
    point.put("meanEnergyPj", 1234.5);
    return Map.of("policy", "fixed-k", "order", order, "k", 2, "pareto", List.of(point));
  }

  /**
   * The loaded file holds exactly the exported tensors (the readout with sd and mu folded in, as the
   * ModelExport contract says) and the manifest fields export was given.
   */
  private static void assertExportRoundTrips(SneModel model, List<LifStudent> students, int[][] slices, float[] mu, float[] sd,
      float[] headW, float[] headB, DType storage) {
    for (int s = 0; s < students.size(); s++) {
      LifStudent student = students.get(s);
      StudentArch a = student.arch();
      String pre = "students." + s + ".";
      List<String> layers = new ArrayList<>(List.of("layers.0.weight", "layers.0.bias",
          LifStudent.weight(a.denseIndex()), LifStudent.bias(a.denseIndex())));
      if (a.hasConv2()) layers.addAll(List.of(LifStudent.weight(a.conv2Index()), LifStudent.bias(a.conv2Index())));
      assertThat(model.manifest().students().get(s).layers()).hasSize(a.denseIndex() + 1);
      for (String layer : layers) {
        assertThat(model.tensor(pre + layer).data()).as(pre + layer).containsExactly(student.params().values(layer));
      }
      assertThat(model.tensor(pre + "layers.0.weight").shape()).containsExactly(a.convOut(), a.channels(), a.kernel(), a.kernel());
      float[] w = student.params().values("readout.weight");
      float[] b = student.params().values("readout.bias");
      float[] expectedW = new float[w.length];
      float[] expectedB = new float[b.length];
      for (int j = 0; j < slices[s].length; j++) {
        int d = slices[s][j];
        for (int h = 0; h < a.hidden(); h++) expectedW[j * a.hidden() + h] = storage.round(w[j * a.hidden() + h] * sd[d]);
        expectedB[j] = storage.round(b[j] * sd[d] + mu[d]);
      }
      assertThat(model.tensor(pre + "readout.weight").data()).containsExactly(expectedW);
      assertThat(model.tensor(pre + "readout.bias").data()).containsExactly(expectedB);
    }
    assertThat(model.tensor("partition.means").data()).containsExactly(mu);
    assertThat(model.tensor("head.weight").data()).containsExactly(headW);
    assertThat(model.tensor("head.weight").shape()).containsExactly(headB.length, DIM);
    assertThat(model.tensor("head.bias").data()).containsExactly(headB);

    var manifest = model.manifest();
    assertThat(manifest.labels()).isEqualTo(Datasets.FASHION_LABELS);
    assertThat(manifest.partition().slices()).containsExactly(slices);
    assertThat(manifest.partition().scheme()).isEqualTo("sequential");
    assertThat(manifest.head().classes()).isEqualTo(headB.length);
    assertThat(manifest.gate().pareto()).containsExactly(new ParetoPoint("fixed-k", 1, null, 0.75, 1.0, 1234.5));
    assertThat(manifest.teacher().macs()).isEqualTo(1000);
    assertThat(manifest.energy().defaultProfile()).isEqualTo("horowitz45-fp32");
    assertThat(manifest.provenance().path("seed").asInt()).isEqualTo(1);
    assertThat(manifest.provenance().path("createdBy").asText()).isEqualTo("sne train");
  }

  /** Feeds step t of a training input row into the runtime's step input. */
  private static void feed(StepInput step, float[] row, StudentArch arch, int t) {
    int frame = arch.channels() * arch.height() * arch.width();
    if (arch.encoding().equals("direct")) {
      step.setImage(row);
      return;
    }
    for (int idx = 0; idx < frame; idx++) {
      for (int k = 0; k < (int) row[t * frame + idx]; k++) step.addEvent(idx);
    }
  }

  /** {spikes in DJL, spikes that differ} for sample i of a [B][C][H][W] (channel-major) spike tensor vs the runtime's channels-last events. */
  private static long[] compare(float[] djl, int sample, Shape shape, SpikeEvents rt) {
    int size = shape.size();
    TreeSet<Integer> a = new TreeSet<>();
    for (int j = 0; j < size; j++) if (djl[sample * size + j] != 0f) a.add(Layouts.toChannelsLast(j, shape));
    TreeSet<Integer> b = new TreeSet<>();
    for (int e = 0; e < rt.size(); e++) b.add(rt.index(e));
    TreeSet<Integer> onlyA = new TreeSet<>(a);
    onlyA.removeAll(b);
    TreeSet<Integer> onlyB = new TreeSet<>(b);
    onlyB.removeAll(a);
    return new long[] {a.size(), onlyA.size() + onlyB.size()};
  }
}
