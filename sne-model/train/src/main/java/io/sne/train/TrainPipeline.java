package io.sne.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sne.runtime.model.DType;
import io.sne.train.data.Datasets;
import io.sne.train.data.LabelledImages;
import io.sne.train.nn.LifStudent;
import io.sne.train.nn.StudentArch;
import io.sne.train.nn.TeacherCnn;
import io.sne.train.nn.Torch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole recipe: teacher -> features -> partition -> (slice-dropout fine-tune) -> students ->
 * head with student dropout -> gate calibration -> model file. Every stage checkpoints into the
 * work directory, so an interrupted run resumes where it stopped.
 */
public final class TrainPipeline {
  /** What a run produced (also written to summary.json in the work directory). */
  public record Result(Path model, Map<String, Object> summary) {}

  private final TrainConfig cfg;
  private final InputEncoder encoder;
  private final EnergyMeter energy;

  public TrainPipeline(TrainConfig cfg, InputEncoder encoder, EnergyMeter energy) {
    this.cfg = cfg;
    this.encoder = encoder;
    this.energy = energy;
  }

  public Result run(Datasets.Split data) throws IOException {
    boolean imported = switch (cfg.teacher.kind) {
      case "builtin" -> false;
      case "imported" -> true;
      default -> throw new IllegalArgumentException("teacher.kind '" + cfg.teacher.kind + "' is not one of builtin, imported");
    };
    ImageAugment studentAugment = new ImageAugment(cfg.student.augmentShiftPx, cfg.student.augmentFlip);
    DType storage = DType.ofStorage(cfg.student.storage); // refused here, before any stage runs
    if (!studentAugment.isNone() && (imported || !encoder.encoding().equals("direct"))) {
      // checked before any stage runs: the teacher alone takes minutes
      throw new IllegalArgumentException("student.augmentShiftPx / augmentFlip need the builtin teacher and direct encoding (this run: teacher "
          + cfg.teacher.kind + ", encoding " + encoder.encoding() + ")");
    }
    if (!cfg.student.eventFilters.isEmpty() && !(encoder instanceof EventsEncoder)) {
      throw new IllegalArgumentException("student.eventFilters filter emulated recordings (fashion-mnist-events and the like); this run reads "
          + (encoder.encoding().equals("events") ? "recorded events: filter the recordings themselves (sne convert IN OUT --filter SPEC)"
              : encoder.encoding() + " images"));
    }
    EventFrameNoise eventNoise = cfg.student.eventNoise.toNoise(); // levels refused here, before any stage runs
    if (!eventNoise.isNone() && !encoder.encoding().equals("events")) {
      throw new IllegalArgumentException("student.eventNoise needs events encoding (this run: " + encoder.encoding() + "); set its probability to 0");
    }
    if (!eventNoise.isNone() && !studentAugment.isNone()) {
      throw new IllegalArgumentException("student.eventNoise and student.augmentShiftPx / augmentFlip cannot be combined");
    }
    long started = System.nanoTime();
    Path work = Path.of(cfg.workDir);
    Files.createDirectories(work);
    TrainLog log = new TrainLog(work);
    NonFinite nonFinite = new NonFinite(20);
    Torch.init(cfg.threads, cfg.seed);
    Map<String, Object> summary = new LinkedHashMap<>();
    List<String> resumed = new ArrayList<>();
    summary.put("name", cfg.name);

    SplitIndices split = SplitIndices.of(cfg, data.train().size(), data.test().size());
    LabelledImages val = data.train().select(split.validation());
    LabelledImages train = data.train().select(split.train());
    LabelledImages test = data.test().select(split.test());
    int classes = train.labelNames().size();
    log.line("data: %d train, %d validation, %d test, %d classes", train.size(), val.size(), test.size(), classes);

    // Student inputs first: for event models the emulation is the slow part, and it is cached in workDir.
    LabelledImages studentTrain = cfg.student.trainLimit > 0 ? train.first(cfg.student.trainLimit) : train;
    LabelledImages gateVal = cfg.gate.validationLimit > 0 ? val.first(cfg.gate.validationLimit) : val;
    long tEnc = System.nanoTime();
    InputCache cache = new InputCache(work, encoder);
    StudentInputs inStudentTrain = cache.get("train", studentTrain, cfg.seed + 10);
    StudentInputs inVal = cache.get("validation", gateVal, cfg.seed + 11);
    StudentInputs inTest = cache.get("test", test, cfg.seed + 12);
    log.line("student inputs (%s%s): %d train, %d validation, %d test, ready in %.1f s", encoder.encoding(),
        encoder.cacheTag().isEmpty() ? "" : ", behind " + encoder.cacheTag(), inStudentTrain.size(), inVal.size(), inTest.size(), seconds(tEnc));

    // what the teacher reads: the images, or for recorded events (no images) each recording's event frame summed over time
    LabelledImages teacherTrain = encoder.teacherView(train);
    LabelledImages teacherTest = encoder.teacherView(test);
    try (NDManager manager = NDManager.newBaseManager()) {
      long t0 = System.nanoTime();
      TeacherCnn teacher = null;
      TeacherTrainer tt = new TeacherTrainer(log, nonFinite);
      float[] fTrain;
      float[] fTest;
      float[] headW;
      float[] headB;
      long teacherMacs;
      if (imported) {
        ImportedTeacher it = ImportedTeacher.load(cfg.teacher, data.train().size(), data.test().size(), classes);
        fTrain = ImportedTeacher.rows(it.trainFeatures(), split.train());
        fTest = ImportedTeacher.rows(it.testFeatures(), split.test());
        headW = it.headWeight();
        headB = it.headBias();
        teacherMacs = it.macs();
      } else {
        TeacherCnn.Arch ta = new TeacherCnn.Arch(teacherTrain.channels(), teacherTrain.height(), teacherTrain.width(), cfg.teacher.conv1, cfg.teacher.conv2,
            cfg.teacher.hidden, cfg.teacher.featureDim, classes);
        teacher = new TeacherCnn(ta, manager, cfg.seed);
        Path teacherDir = cfg.teacher.checkpointDir == null ? work : Path.of(cfg.teacher.checkpointDir);
        Files.createDirectories(teacherDir);
        if (tt.train(teacher, teacherTrain, teacherRecipe(), cfg.seed, teacherDir, "teacher", null) == 0) resumed.add("teacher");
        FeatureCache features = new FeatureCache(teacherDir);
        fTrain = features.get(teacher, teacherTrain, "train");
        fTest = features.get(teacher, teacherTest, "test");
        headW = teacher.params().values("head.weight");
        headB = teacher.params().values("head.bias");
        teacherMacs = ta.macs();
      }
      int dim = headW.length / classes;
      double teacherAcc = accuracy(headW, headB, fTest, test.labels());
      String teacherName = imported ? "imported" : "cnn-builtin";
      summary.put("teacher", teacherSummary(imported ? "imported" : "frozen", teacherAcc, teacherMacs, seconds(t0)));
      log.line("teacher (%s): test accuracy %.4f, %d MACs", imported ? "imported" : "frozen", teacherAcc, teacherMacs);

      Partition.Scheme scheme = Partition.Scheme.parse(cfg.partition.scheme);
      float[] mu = Partition.means(fTrain, dim);
      int[][] slices = Partition.compute(scheme, fTrain, dim, train.labels(), classes, headW, cfg.partition.students, distillSeed());
      if (cfg.teacher.sliceDropoutEpochs > 0) {
        t0 = System.nanoTime();
        // continues from the frozen teacher's weights; its checkpoints depend on this model's partition, so they stay in workDir
        TeacherTrainer.Recipe r = teacherRecipe();
        TeacherTrainer.Recipe fineTune = new TeacherTrainer.Recipe(cfg.teacher.sliceDropoutEpochs, r.batchSize(), r.learningRate() / 4, r.cosine(),
            r.augment(), r.dropout());
        tt.train(teacher, teacherTrain, fineTune, cfg.seed + 5, work, "teacher-ft", new SliceDropout(slices, mu, cfg.teacher.sliceDropoutProbability));
        FeatureCache fineTuned = new FeatureCache(work);
        fTrain = fineTuned.get(teacher, teacherTrain, "train");
        fTest = fineTuned.get(teacher, teacherTest, "test");
        mu = Partition.means(fTrain, dim);
        headW = teacher.params().values("head.weight");
        headB = teacher.params().values("head.bias");
        teacherAcc = accuracy(headW, headB, fTest, test.labels());
        summary.put("teacherFineTuned", teacherSummary("slice-dropout fine-tuned", teacherAcc, teacherMacs, seconds(t0)));
        log.line("teacher (slice-dropout fine-tuned): test accuracy %.4f", teacherAcc);
      }
      float[] sd = Partition.stds(fTrain, dim);
      summary.put("partition", Map.of("scheme", scheme.id(), "slices", slices));

      float[] fStudentTrain = java.util.Arrays.copyOf(fTrain, studentTrain.size() * dim);
      t0 = System.nanoTime();
      List<LifStudent> students = new ArrayList<>();
      Distiller distiller = new Distiller(log, nonFinite);
      Distiller.Settings ds = new Distiller.Settings(cfg.student.epochs, cfg.student.batchSize, cfg.student.learningRate,
          cfg.student.rateWeight, cfg.student.kdWeight, cfg.student.kdTemperature, distillSeed(), studentCosine());
      DistillData distillData = !studentAugment.isNone() ? new AugmentedDistillData(inStudentTrain, teacher, studentAugment, distillSeed())
          : !eventNoise.isNone() ? new NoisyEventDistillData(inStudentTrain, fStudentTrain, dim, eventNoise, cfg.student.dtUs,
              cfg.student.frame.equals("binary"), distillSeed())
          : DistillData.fixed(inStudentTrain, fStudentTrain, dim);
      for (int i = 0; i < slices.length; i++) {
        LifStudent s = new LifStudent(studentArch(slices[i].length), manager, distillSeed() + 100 + i,
            LifStudent.Surrogate.valueOf(cfg.student.surrogate.toUpperCase(Locale.ROOT).replace('-', '_')), cfg.student.surrogateSlope, cfg.student.initGain);
        if (distiller.train(s, distillData, dim, slices[i], mu, sd, headW, headB, ds, work, "student" + i).epoch() < 0) resumed.add("student" + i);
        students.add(s);
      }
      double studentSeconds = seconds(t0);
      if (storage != DType.F32) {
        for (LifStudent s : students) s.params().roundTo(storage);
        log.line("students rounded to %s, as the model file stores them", storage);
      }

      t0 = System.nanoTime();
      StudentOutputs oTrain = outputs(students, inStudentTrain, slices, mu, sd);
      StudentOutputs oVal = outputs(students, inVal, slices, mu, sd);
      StudentOutputs oTest = outputs(students, inTest, slices, mu, sd);
      List<Object> sliceMse = new ArrayList<>();
      for (int i = 0; i < slices.length; i++) {
        double trainMse = oTrain.standardisedMse(i, fStudentTrain, sd);
        double testMse = oTest.standardisedMse(i, fTest, sd);
        log.line("student%d slice-mse (standardised, inference) train %.4f test %.4f", i, trainMse, testMse);
        sliceMse.add(Map.of("student", i, "train", trainMse, "test", testMse));
      }
      summary.put("studentSliceMse", sliceMse);
      HeadTuner.Result head = new HeadTuner(log, nonFinite).tune(oTrain, headW, headB, HeadTuner.Dropout.parse(cfg.head.dropout),
          cfg.head.keepProbability, cfg.head.epochs, cfg.head.batchSize, cfg.head.learningRate, distillSeed(), manager);
      boolean[] allOn = new boolean[slices.length];
      java.util.Arrays.fill(allOn, true);
      log.line("ensemble (all %d students) test accuracy %.4f with the teacher head, %.4f with the tuned head",
          slices.length, oTest.accuracy(allOn, headW, headB), oTest.accuracy(allOn, head.weight(), head.bias()));
      double headSeconds = seconds(t0);

      Path out = Path.of(cfg.output);
      Map<String, Object> teacherInfo = Map.of("name", teacherName, "macs", teacherMacs, "accuracy", teacherAcc);
      Map<String, Object> provenance = provenance();
      // First write with an uncalibrated gate so the runtime can price each student, then calibrate and rewrite.
      int[] identity = java.util.stream.IntStream.range(0, slices.length).toArray();
      Map<String, Object> provisionalGate = new LinkedHashMap<>(Map.of("policy", "fixed-k", "order", identity, "k", slices.length, "pareto", List.of()));
      ModelExport.Parts parts = new ModelExport.Parts(cfg.name, train.labelNames(), encoder.inputSpec(), students, scheme.id(), slices, mu, sd,
          head.weight(), head.bias(), provisionalGate, teacherInfo, provenance);
      ModelExport.write(out, parts, storage);
      double[] studentPj = energy.studentMeanEnergyPj(out, inVal);
      double headPj = energy.headEnergyPj(out);
      double gatePj = energy.annEnergyPj(io.sne.runtime.ensemble.GateFeatures.COUNT);
      GateCalibrator.Calibration cal = GateCalibrator.calibrate(oVal, head.weight(), head.bias(), studentPj, headPj, gatePj, cfg.gate.policy,
          cfg.gate.maxAccuracyLoss, first -> RuntimeGateFeatures.of(out, inVal, first));
      boolean learned = cfg.gate.policy.equals("learned");
      ModelExport.write(out, new ModelExport.Parts(parts.name(), parts.labels(), parts.inputSpec(), students, parts.scheme(), slices, mu, sd,
          head.weight(), head.bias(), ModelExport.gate(cfg.gate.policy, cal), teacherInfo, provenance, learned ? cal.learned() : null), storage);
      log.line("gate (%s): order %s, chosen %s; model written to %s (%d bytes)", cfg.gate.policy, java.util.Arrays.toString(cal.order()),
          cal.chosen(), out, Files.size(out));

      List<Object> perK = new ArrayList<>();
      double teacherPj = energy.annEnergyPj(teacherMacs);
      // the partition's own ceiling, apart from how well the students learnt their slices
      LinearProbe probe = new LinearProbe(fTrain, dim, headW, headB);
      for (int k = 1; k <= slices.length; k++) {
        boolean[] active = new boolean[slices.length];
        double e = headPj;
        List<Integer> dims = new ArrayList<>();
        for (int j = 0; j < k; j++) {
          active[cal.order()[j]] = true;
          e += studentPj[cal.order()[j]];
          for (int d : slices[cal.order()[j]]) dims.add(d);
        }
        double probeAcc = probe.accuracy(dims.stream().mapToInt(Integer::intValue).toArray(), fTest, test.labels());
        perK.add(Map.of("k", k, "testAccuracy", oTest.accuracy(active, head.weight(), head.bias()), "meanEnergyPj", e, "energyRatio", e / teacherPj,
            "teacherFeatureProbeAccuracy", probeAcc));
      }
      if (cfg.baseline.annEpochs > 0) {
        AnnBaseline.Result ann = AnnBaseline.train(studentArch(1), inStudentTrain, inTest, classes, cfg.baseline.annEpochs, cfg.student.batchSize,
            cfg.student.learningRate, cfg.seed + 7, manager, log);
        summary.put("annBaseline", Map.of("shape", "one student's layers with ReLU, trained with cross-entropy", "testAccuracy", ann.accuracy(),
            "macs", ann.macs(), "energyPj", energy.annEnergyPj(ann.macs()), "seconds", ann.seconds()));
        log.line("compact ANN baseline: test accuracy %.4f, %d MACs", ann.accuracy(), ann.macs());
      }
      summary.put("teacherEnergyPj", teacherPj);
      summary.put("studentMeanEnergyPj", studentPj);
      summary.put("perK", perK);
      summary.put("gate", ModelExport.gate(cfg.gate.policy, cal));
      summary.put("gatePoints", cal.points());
      summary.put("nonFiniteStepsSkipped", nonFinite.count());
      summary.put("seconds", Map.of("students", studentSeconds, "headAndOutputs", headSeconds, "total", seconds(started)));
      // stages whose checkpoints already held every epoch: their times above are of loading, not training
      summary.put("resumedFromCheckpoints", resumed);
      Path summaryFile = work.resolve("summary.json");
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryFile.toFile(), summary);
      log.line("done in %.1f s; summary in %s", seconds(started), summaryFile);
      if (teacher != null) teacher.close();
      for (LifStudent s : students) s.close();
      return new Result(out, summary);
    }
  }

  /** Seeds the partition, students and head; the data split and the teacher keep {@code seed}. */
  private long distillSeed() {
    return cfg.distillSeed != null ? cfg.distillSeed : cfg.seed;
  }

  private TeacherTrainer.Recipe teacherRecipe() {
    TrainConfig.Teacher t = cfg.teacher;
    boolean cosine = switch (t.schedule) {
      case "constant" -> false;
      case "cosine" -> true;
      default -> throw new IllegalArgumentException("teacher.schedule '" + t.schedule + "' is not one of constant, cosine");
    };
    return new TeacherTrainer.Recipe(t.epochs, t.batchSize, t.learningRate, cosine, new ImageAugment(t.augmentShiftPx, t.augmentFlip), t.dropout);
  }

  private boolean studentCosine() {
    return switch (cfg.student.schedule) {
      case "constant" -> false;
      case "cosine" -> true;
      default -> throw new IllegalArgumentException("student.schedule '" + cfg.student.schedule + "' is not one of constant, cosine");
    };
  }

    private StudentArch studentArch(int sliceSize) {
    TrainConfig.Student s = cfg.student;
    return new StudentArch(encoder.encoding(), encoder.channels(), encoder.height(), encoder.width(), s.timeSteps, s.convChannels, s.kernel,
        s.stride, s.padding, s.pool, s.poolKernel, s.hidden, sliceSize, s.beta, s.threshold, s.convReset, s.denseReset,
        s.conv2Channels, s.conv2Stride);
  }

  private StudentOutputs outputs(List<LifStudent> students, StudentInputs in, int[][] slices, float[] mu, float[] sd) {
    float[][] per = new float[students.size()][];
    for (int i = 0; i < students.size(); i++) per[i] = Distiller.predict(students.get(i), in, slices[i], mu, sd, 256);
    return new StudentOutputs(per, slices, mu, in.labels());
  }

  private static double accuracy(float[] headW, float[] headB, float[] f, int[] labels) {
    return TeacherTrainer.accuracy(TeacherTrainer.predict(headW, headB, f, headW.length / headB.length), labels);
  }

  private static Map<String, Object> teacherSummary(String variant, double acc, long macs, double seconds) {
    return Map.of("variant", variant, "testAccuracy", acc, "macs", macs, "seconds", seconds);
  }

  private Map<String, Object> provenance() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("seed", cfg.seed);
    p.put("distillSeed", distillSeed());
    p.put("dataset", cfg.dataset.name);
    p.put("config", new ObjectMapper().convertValue(cfg, Map.class));
    return p;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
