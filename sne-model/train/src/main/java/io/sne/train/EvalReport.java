package io.sne.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sne.runtime.energy.EnergyProfile;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.model.GateSpec;
import io.sne.runtime.model.ParetoPoint;
import io.sne.runtime.model.SneModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * `sne eval`: measures a model file with the runtime and writes report.md, report.json and PNG
 * plots. Teacher accuracy comes from the manifest (measured on the same test subset at training
 * time); its energy is its MACs priced by the same profile.
 */
public final class EvalReport {
  /** Noise kinds and levels for the robustness curves. */
  static final Map<String, double[]> EVENT_NOISE = new LinkedHashMap<>();
  static final Map<String, double[]> IMAGE_NOISE = new LinkedHashMap<>();

  static {
    EVENT_NOISE.put("background", new double[] {0, 1, 5, 20});
    EVENT_NOISE.put("hot-pixels", new double[] {0, 0.005, 0.02, 0.05});
    EVENT_NOISE.put("drop", new double[] {0, 0.2, 0.5, 0.8});
    EVENT_NOISE.put("jitter", new double[] {0, 5_000, 20_000, 50_000});
    IMAGE_NOISE.put("gaussian", new double[] {0, 0.1, 0.2, 0.4});
    IMAGE_NOISE.put("salt-pepper", new double[] {0, 0.05, 0.1, 0.2});
    IMAGE_NOISE.put("occlusion", new double[] {0, 0.25, 0.4, 0.5});
  }

  private static final Map<String, String> UNITS = Map.of("background", "Hz per pixel", "hot-pixels", "fraction of pixels at 1 kHz",
      "drop", "probability", "jitter", "sigma, us", "gaussian", "sigma", "salt-pepper", "fraction of pixels", "occlusion", "side / image side");

  private EvalReport() {}

  public static Map<String, Object> write(Path modelFile, Path reportDir, String profileName, String dataPath, int limit, int noiseLimit,
      Path trainingSummary) throws IOException {
    return write(modelFile, reportDir, profileName, dataPath, limit, noiseLimit, trainingSummary, null);
  }

  /** @param teacherDir the teacher's checkpoint directory (null: no teacher curves) — see {@link EvalTeacher} */
  public static Map<String, Object> write(Path modelFile, Path reportDir, String profileName, String dataPath, int limit, int noiseLimit,
      Path trainingSummary, Path teacherDir) throws IOException {
    return write(modelFile, reportDir, profileName, dataPath, limit, noiseLimit, trainingSummary, teacherDir, List.of());
  }

  /** @param filters {@code sne replay --filter} specs every event window passes before the encoder (events models only) */
  public static Map<String, Object> write(Path modelFile, Path reportDir, String profileName, String dataPath, int limit, int noiseLimit,
      Path trainingSummary, Path teacherDir, List<String> filters) throws IOException {
    return write(modelFile, reportDir, profileName, dataPath, limit, noiseLimit, trainingSummary, teacherDir, filters, false);
  }

  /**
   * @param wholeTestSplit evaluate on every test sample of the dataset instead of the subset the training run used; the
   *     teacher's accuracy in the manifest belongs to that subset, so this needs {@code teacherDir} to measure it again
   */
  public static Map<String, Object> write(Path modelFile, Path reportDir, String profileName, String dataPath, int limit, int noiseLimit,
      Path trainingSummary, Path teacherDir, List<String> filters, boolean wholeTestSplit) throws IOException {
    System.setProperty("java.awt.headless", "true");
    long t0 = System.nanoTime();
    SneModel model = SneModel.load(modelFile);
    EnergyProfile profile = EnergyProfile.resolve(profileName == null ? "horowitz45-fp32" : profileName);
    SneEnsemble ens = new SneEnsemble(model, profile);
    EdgeFilters edge = EdgeFilters.of(filters, model); // before the data loads: a bad spec fails at once
    int trainedSubset = EvalInputs.trainedTestLimit(model);
    boolean beyondSubset = wholeTestSplit && trainedSubset > 0;
    if (beyondSubset && teacherDir == null) {
      throw new IllegalArgumentException("the whole test split needs the teacher's checkpoints (--teacher DIR): the accuracy in the model"
          + " was measured on its " + trainedSubset + "-sample test subset, and comparing it with other samples would mislead");
    }
    EvalInputs in = EvalInputs.load(model, dataPath, limit, wholeTestSplit);
    Files.createDirectories(reportDir);
    String partition = model.manifest().partition().scheme();
    int n = model.studentCount();
    int[] order = ens.order();
    boolean events = model.input().events();
    java.util.function.IntFunction<io.sne.runtime.encode.EventWindow> asRecorded = i -> in.windows().get(i);
    var w = edge == null ? asRecorded : edge.around(asRecorded);
    var img = (java.util.function.IntFunction<float[]>) i -> in.images().image(i);

    List<Evaluator.Row> rows = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      rows.add(Evaluator.run("k=" + k, ens, in, Arrays.copyOf(order, k), partition, w, img));
    }
    var g = model.manifest().gate();
    String gateName = "gate " + g.policy() + (g.confidence() != null && "cascade".equals(g.policy()) ? " (confidence " + g.confidence() + ")" : "")
        + ("fixed-k".equals(g.policy()) ? " (k=" + g.k() + ")" : "");
    Evaluator.Row gate = Evaluator.run(gateName, ens, in, null, partition, w, img);
    rows.add(gate);
    List<Evaluator.Row> paretoTest = paretoOnTest(model, profile, g, in, partition, w, img);

    Double teacherAcc = model.manifest().teacher().accuracy();
    long teacherMacs = model.teacherMacs();
    double teacherPj = teacherMacs * profile.macPj();

    // the teacher, when its checkpoints are given: what it reads is the image, or for recorded events the summed event frame;
    // for emulated events it reads the static image, which sensor noise never reaches, so it gets no noise curve
    boolean recorded = EvalInputs.dataset(model).equalsIgnoreCase(TrainRunner.EVENT_FOLDER);
    RecordedEvents recordedEvents = recorded ? new RecordedEvents(model.input()) : null;
    EvalTeacher teacher = teacherDir == null ? null
        : EvalTeacher.load(model, teacherDir, in.images().channels(), in.images().height(), in.images().width());
    boolean teacherUnderNoise = teacher != null && (!events || recorded);
    Double teacherMeasured = teacher == null ? null : teacher.accuracy(in.images()::image, in.labels(), in.size());
    if (beyondSubset) teacherAcc = teacherMeasured; // the same samples as every row below

    // robustness: the deployed configuration (the gate) under each noise
    Map<String, Object> noise = new LinkedHashMap<>();
    int nn = Math.min(noiseLimit, in.size());
    EvalInputs sub = new EvalInputs(in.images().first(nn), events ? in.windows().subList(0, nn) : null, Arrays.copyOf(in.labels(), nn));
    Map<String, double[]> kinds = events ? EVENT_NOISE : IMAGE_NOISE;
    for (Map.Entry<String, double[]> kind : kinds.entrySet()) {
      double[] acc = new double[kind.getValue().length];
      double[] teacherNoisy = new double[acc.length];
      // what the noise costs: noise events are synaptic ops of every student run, and the gate may run more students
      double[] energy = new double[acc.length];
      double[] studentsRun = new double[acc.length];
      double[] synapticOps = new double[acc.length];
      for (int li = 0; li < acc.length; li++) {
        double level = kind.getValue()[li];
        String k = kind.getKey();
        java.util.function.IntFunction<io.sne.runtime.encode.EventWindow> noisy = i -> Noise.events(k, level, sub.windows().get(i),
            model.input().sensorWidth(), model.input().sensorHeight(), model.input().windowUs(), 1000L * i + 7);
        var nw = edge == null ? noisy : edge.around(noisy); // the noise is the sensor's, so the filter sees it
        var ni = (java.util.function.IntFunction<float[]>) i -> Noise.image(k, level, sub.images().image(i), sub.images().width(),
            sub.images().height(), 1000L * i + 7);
        Evaluator.Row row = Evaluator.run(k + "=" + level, ens, sub, null, partition, nw, ni);
        acc[li] = row.accuracy();
        energy[li] = row.energyPj();
        studentsRun[li] = row.activeStudents();
        synapticOps[li] = row.synapticOps();
        if (teacherUnderNoise) {
          // the same corrupted inputs (same seeds) as the SNE just read
          java.util.function.IntFunction<float[]> ti = events ? i -> recordedEvents.teacherImage(recordedEvents.frames(nw.apply(i))) : ni;
          teacherNoisy[li] = teacher.accuracy(ti, sub.labels(), nn);
        }
      }
      Map<String, Object> entry = new LinkedHashMap<>(Map.of("levels", kind.getValue(), "unit", UNITS.get(kind.getKey()), "sneAccuracy", acc, "samples", nn));
      entry.put("sneEnergyPj", energy);
      entry.put("sneActiveStudents", studentsRun);
      entry.put("sneSynapticOps", synapticOps);
      if (teacherUnderNoise) {
        NoiseVerdict v = NoiseVerdict.of(kind.getKey(), acc, teacherNoisy);
        entry.put("teacherAccuracy", teacherNoisy);
        entry.put("sneMeanDropPoints", v.sneDropPoints());
        entry.put("teacherMeanDropPoints", v.teacherDropPoints());
        entry.put("sneLosesLess", v.sneLosesLess());
        entry.put("marginPoints", v.marginPoints());
        entry.put("verdict", v.sentence());
      }
      noise.put(kind.getKey(), entry);
    }
    if (teacher != null) teacher.close();

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", modelFile.getFileName().toString());
    json.put("sha256", model.sha256());
    json.put("studentStorage", model.studentStorage().name());
    json.put("tensorBytes", model.tensorBytes());
    json.put("profile", profile.name());
    json.put("dataset", EvalInputs.dataset(model));
    json.put("samples", in.size());
    json.put("testSet", wholeTestSplit || trainedSubset == 0 ? "all" : "training subset of " + trainedSubset);
    if (edge != null) {
      json.put("filters", edge.describe());
    }
    Map<String, Object> teacherJson = new LinkedHashMap<>(Map.of("name", model.manifest().teacher().name(), "accuracy",
        teacherAcc == null ? Double.NaN : teacherAcc, "macs", teacherMacs, "energyPj", teacherPj));
    if (teacher != null) {
      teacherJson.put("checkpoint", teacher.checkpoint().toString());
      teacherJson.put("measuredAccuracy", teacherMeasured); // on this report's samples, by the loaded checkpoint
    }
    json.put("teacher", teacherJson);
    List<Object> configs = new ArrayList<>();
    for (Evaluator.Row r : rows) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("configuration", r.configuration());
      c.put("partition", r.partition());
      c.put("activeStudents", r.activeStudents());
      c.put("accuracy", r.accuracy());
      c.put("synapticOps", r.synapticOps());
      c.put("macs", r.macs());
      c.put("neuronUpdates", r.neuronUpdates());
      c.put("spikes", r.spikes());
      c.put("energyPj", r.energyPj());
      c.put("energyRatio", r.energyPj() / teacherPj);
      configs.add(c);
    }
    json.put("configurations", configs);
    List<Object> pareto = new ArrayList<>();
    for (ParetoPoint p : g.pareto()) pareto.add(Map.of("policy", p.policy() == null ? "" : p.policy(), "k", p.k() == null ? -1 : p.k(),
        "threshold", p.threshold() == null ? -1 : p.threshold(), "accuracy", p.accuracy(), "meanEnergyPj", p.meanEnergyPj()));
    json.put("pareto", pareto);
    json.put("paretoTest", paretoTestJson(g.pareto(), paretoTest, teacherPj));
    json.put("noise", noise);
    if (trainingSummary != null && Files.isRegularFile(trainingSummary)) {
      json.put("training", new ObjectMapper().readValue(trainingSummary.toFile(), Map.class));
    }
    json.put("evalSeconds", (System.nanoTime() - t0) / 1e9);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(reportDir.resolve("report.json").toFile(), json);

    plots(reportDir, rows, g.pareto(), paretoTest, teacherAcc, teacherPj, noise);
    Files.writeString(reportDir.resolve("report.md"), markdown(model, profile, in.size(), teacherAcc, teacherMacs, teacherPj, rows, g.pareto(),
        paretoTest, noise, json));
    return json;
  }

  /**
   * Every cascade and fixed-k point of the stored front, run on the test inputs as the deployed gate
   * would be (the points were chosen on validation data; this measures them). A learned point's
   * threshold is cut into gate biases the file keeps only for the default, so those get null.
   */
  static List<Evaluator.Row> paretoOnTest(SneModel model, EnergyProfile profile, GateSpec g, EvalInputs in, String partition,
      java.util.function.IntFunction<io.sne.runtime.encode.EventWindow> w, java.util.function.IntFunction<float[]> img) {
    List<Evaluator.Row> out = new ArrayList<>();
    for (ParetoPoint p : g.pareto()) {
      GateSpec at = null;
      if (GateSpec.CASCADE.equals(p.policy()) && p.threshold() != null) {
        at = new GateSpec(GateSpec.CASCADE, g.order(), null, p.threshold(), null, List.of());
      } else if (GateSpec.FIXED_K.equals(p.policy()) && p.k() != null) {
        at = GateSpec.fixedK(g.order(), p.k());
      }
      out.add(at == null ? null : Evaluator.run("pareto " + p.policy() + " " + (p.threshold() == null ? "k=" + p.k() : p.threshold()),
          new SneEnsemble(model.withGate(at), profile), in, null, partition, w, img));
    }
    return out;
  }

  private static List<Object> paretoTestJson(List<ParetoPoint> pareto, List<Evaluator.Row> test, double teacherPj) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < pareto.size(); i++) {
      ParetoPoint p = pareto.get(i);
      Evaluator.Row r = test.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("policy", p.policy());
      m.put("k", p.k());
      m.put("threshold", p.threshold());
      m.put("validationAccuracy", p.accuracy());
      m.put("accuracy", r == null ? null : r.accuracy());
      m.put("activeStudents", r == null ? null : r.activeStudents());
      m.put("energyPj", r == null ? null : r.energyPj());
      m.put("energyRatio", r == null ? null : r.energyPj() / teacherPj);
      out.add(m);
    }
    return out;
  }

  private static void plots(Path dir, List<Evaluator.Row> rows, List<ParetoPoint> pareto, List<Evaluator.Row> paretoTest, Double teacherAcc,
      double teacherPj, Map<String, Object> noise) throws IOException {
    XYChart c = new XYChartBuilder().width(720).height(460).title("Accuracy vs energy per classification")
        .xAxisTitle("energy per classification (uJ)").yAxisTitle("test accuracy").build();
    int n = rows.size() - 1;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rows.get(i).energyPj() / 1e6;
      y[i] = rows.get(i).accuracy();
    }
    c.addSeries("SNE, k active students", x, y);
    Evaluator.Row gate = rows.get(n);
    c.addSeries("SNE gate (test)", new double[] {gate.energyPj() / 1e6}, new double[] {gate.accuracy()}).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    if (!pareto.isEmpty()) {
      double[] px = pareto.stream().mapToDouble(p -> p.meanEnergyPj() / 1e6).toArray();
      double[] py = pareto.stream().mapToDouble(ParetoPoint::accuracy).toArray();
      c.addSeries("gate Pareto front (validation)", px, py);
      // which policy each front point comes from (fixed-k, cascade, learned)
      for (String policy : pareto.stream().map(p -> p.policy() == null ? "gate" : p.policy()).distinct().toList()) {
        List<ParetoPoint> mine = pareto.stream().filter(p -> policy.equals(p.policy() == null ? "gate" : p.policy())).toList();
        c.addSeries("front: " + policy, mine.stream().mapToDouble(p -> p.meanEnergyPj() / 1e6).toArray(),
            mine.stream().mapToDouble(ParetoPoint::accuracy).toArray()).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      }
    }
    List<Evaluator.Row> measured = paretoTest.stream().filter(java.util.Objects::nonNull).toList();
    if (!measured.isEmpty()) {
      c.addSeries("gate points on test", measured.stream().mapToDouble(r -> r.energyPj() / 1e6).toArray(),
          measured.stream().mapToDouble(Evaluator.Row::accuracy).toArray()).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    if (teacherAcc != null) {
      c.addSeries("teacher", new double[] {teacherPj / 1e6}, new double[] {teacherAcc}).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    c.getStyler().setXAxisLogarithmic(true);
    BitmapEncoder.saveBitmap(c, dir.resolve("accuracy-energy").toString(), BitmapEncoder.BitmapFormat.PNG);

    for (Map.Entry<String, Object> e : noise.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) e.getValue();
      XYChart nc = new XYChartBuilder().width(560).height(380).title("Robustness: " + e.getKey())
          .xAxisTitle(e.getKey() + " (" + m.get("unit") + ")").yAxisTitle("accuracy").build();
      nc.addSeries("SNE (gate)", (double[]) m.get("levels"), (double[]) m.get("sneAccuracy"));
      if (m.get("teacherAccuracy") != null) nc.addSeries("teacher", (double[]) m.get("levels"), (double[]) m.get("teacherAccuracy"));
      // what the noise costs, on the right axis: noise events are synaptic ops
      double[] nj = Arrays.stream((double[]) m.get("sneEnergyPj")).map(pj -> pj / 1000).toArray();
      nc.addSeries("SNE energy (nJ, right)", (double[]) m.get("levels"), nj).setYAxisGroup(1);
      nc.setYAxisGroupTitle(1, "energy per decision (nJ)");
      nc.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
      // both axes from 0: an autoscaled axis makes a 2-point loss look like a collapse
      nc.getStyler().setYAxisMin(0, 0.0).setYAxisMax(0, 1.0).setYAxisMin(1, 0.0);
      BitmapEncoder.saveBitmap(nc, dir.resolve("noise-" + e.getKey()).toString(), BitmapEncoder.BitmapFormat.PNG);
    }
  }

  private static String markdown(SneModel model, EnergyProfile profile, int samples, Double teacherAcc, long teacherMacs, double teacherPj,
      List<Evaluator.Row> rows, List<ParetoPoint> pareto, List<Evaluator.Row> paretoTest, Map<String, Object> noise, Map<String, Object> json) {
    StringBuilder b = new StringBuilder();
    b.append("# Evaluation of ").append(model.name()).append("\n\n");
    b.append(String.format(Locale.ROOT, "Model sha256 `%s` (students stored as %s, tensors %,d bytes), %d test samples (test set: %s), energy profile `%s` (%s).%n%n",
        model.sha256(), model.studentStorage(), model.tensorBytes(), samples, json.get("testSet"), profile.name(), profile.source()));
    b.append("All SNE numbers are measured by the runtime (`SneEnsemble`): exact synaptic ops, MACs and neuron updates, priced by the profile. ");
    b.append("energyRatio = SNE energy / teacher energy (0.05 = 20x less).\n\n");
    if (json.containsKey("filters")) {
      b.append("**Behind an edge filter:** every event window, clean or noisy, passes ").append(json.get("filters"))
          .append(" (as `sne replay --filter`) before the encoder; all SNE rows and curves below include it.\n\n");
    }
    b.append("## Teacher\n\n| accuracy | MACs | energy (uJ) |\n|---|---|---|\n");
    b.append(String.format(Locale.ROOT, "| %s | %,d | %.3f |%n%n", teacherAcc == null ? "n/a" : String.format(Locale.ROOT, "%.4f", teacherAcc), teacherMacs, teacherPj / 1e6));
    b.append("## SNE by active students\n\n| configuration | partition | students run | accuracy | synaptic ops | MACs | neuron updates | spikes | energy (uJ) | energyRatio | x less than teacher |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Evaluator.Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.4f | %,.0f | %,.0f | %,.0f | %,.0f | %.4f | %.4f | %.1f |%n", r.configuration(), r.partition(),
          r.activeStudents(), r.accuracy(), r.synapticOps(), r.macs(), r.neuronUpdates(), r.spikes(), r.energyPj() / 1e6, r.energyPj() / teacherPj,
          teacherPj / r.energyPj()));
    }
    b.append("\n![accuracy vs energy](accuracy-energy.png)\n\n");
    b.append("## Gate Pareto front (calibrated on validation data, stored in the model)\n\n");
    b.append("threshold: the cascade's confidence, or the learned gate's cost threshold lambda (a further student runs when the gate's "
        + "predicted probability that it is needed exceeds lambda x its relative energy).\n\n");
    b.append("Validation columns: as calibrated and stored. Test columns: the same point run by the runtime on this report's test samples "
        + "(a learned point's gate biases are stored for the default only: -).\n\n");
    b.append("| policy | k | threshold | students run (validation) | accuracy (validation) | mean energy (uJ, validation) "
        + "| students run (test) | accuracy (test) | vs teacher (points) | energy (uJ, test) | x less than teacher |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < pareto.size(); i++) {
      ParetoPoint p = pareto.get(i);
      Evaluator.Row r = paretoTest.get(i);
      String test = r == null ? "- | - | - | - | -" : String.format(Locale.ROOT, "%.2f | %.4f | %s | %.4f | %.1f", r.activeStudents(), r.accuracy(),
          teacherAcc == null ? "-" : String.format(Locale.ROOT, "%+.2f", 100 * (r.accuracy() - teacherAcc)), r.energyPj() / 1e6, teacherPj / r.energyPj());
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.4f | %.4f | %s |%n", p.policy() == null ? "-" : p.policy(), p.k(),
          p.threshold() == null ? "-" : String.format(Locale.ROOT, "%.4g", p.threshold()),
          p.meanStudents() == null ? "-" : String.format(Locale.ROOT, "%.2f", p.meanStudents()), p.accuracy(), p.meanEnergyPj() / 1e6, test));
    }
    b.append("\n## Robustness (the deployed gate)\n\n");
    for (Map.Entry<String, Object> e : noise.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) e.getValue();
      double[] lv = (double[]) m.get("levels");
      double[] acc = (double[]) m.get("sneAccuracy");
      b.append("**").append(e.getKey()).append("** (").append(m.get("unit")).append(", ").append(m.get("samples")).append(" samples): ");
      double[] nj = (double[]) m.get("sneEnergyPj");
      for (int i = 0; i < lv.length; i++) {
        b.append(String.format(Locale.ROOT, "%s%s -> %.3f (%.0f nJ)", i == 0 ? "" : ", ", level(lv[i]), acc[i], nj[i] / 1000));
      }
      if (m.get("teacherAccuracy") instanceof double[] ta) {
        b.append("; teacher: ");
        for (int i = 0; i < lv.length; i++) b.append(String.format(Locale.ROOT, "%s%s -> %.3f", i == 0 ? "" : ", ", level(lv[i]), ta[i]));
        b.append(". ").append(m.get("verdict")).append('.');
      }
      b.append(" ![").append(e.getKey()).append("](noise-").append(e.getKey()).append(".png)\n\n");
    }
    if (json.get("teacher") instanceof Map<?, ?> t && t.get("checkpoint") != null) {
      b.append(String.format(Locale.ROOT, "Teacher curves: checkpoint `%s`, fed the same corrupted inputs as the SNE (same seeds)%s; "
          + "its clean accuracy on these %d samples is %.4f (training measured %s on its test set).%n%n", t.get("checkpoint"),
          model.input().events() ? " through its event-frame view (frames of the noisy recording summed over time)" : "",
          samples, (double) t.get("measuredAccuracy"), teacherAcc == null ? "n/a" : String.format(Locale.ROOT, "%.4f", teacherAcc)));
    }
    boolean teacherCurves = noise.values().stream().anyMatch(v -> ((Map<?, ?>) v).get("teacherAccuracy") != null);
    if (!teacherCurves && model.input().events() && !TrainRunner.EVENT_FOLDER.equals(json.get("dataset"))) {
      b.append("The teacher reads the static image (cross-modal distillation), so sensor noise does not reach it: no teacher curve is shown for event noise.\n\n");
    } else if (!teacherCurves) {
      b.append("No teacher curves: the teacher is not part of the model file; pass its checkpoint directory with `--teacher DIR`.\n\n");
    }
    if (json.get("training") instanceof Map<?, ?> training) b.append(TrainingTables.markdown(training, teacherPj));
    b.append(String.format(Locale.ROOT, "Evaluation took %.0f s.%n", (double) json.get("evalSeconds")));
    return b.toString();
  }

  /** A noise level as written in the config: 20, 0.005, 50000 (not 20.0000 or 5.00000e-03). */
  static String level(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
