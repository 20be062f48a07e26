package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import io.sne.events.format.Evt2Writer;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.model.SneModel;
import io.sne.train.data.EventFolder;
import io.sne.train.data.LabelledImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labelled recordings as a training set, in both layouts, on recordings this test writes: an
 * N-MNIST tree (5-byte events written here from the published format) and an EVT 2.0 folder with
 * labels.csv (written by io.sne.events' writer, as `sne emulate` does).
 */
class EventFolderTest {
  private static final int T = 4;
  private static final long DT_US = 25_000;
  private static final long START_US = 1_000;

  /** Class "left": ON events at x < 17; class "right": OFF events at x >= 17; a few events after the window. */
  private static EventBuffer recording(boolean right, long seed) {
    Random rng = new Random(seed);
    EventBuffer b = new EventBuffer();
    long t = START_US;
    for (int i = 0; i < 300; i++) {
      t += 1 + rng.nextInt(2 * (int) (T * DT_US / 300) - 1);
      int x = right ? 17 + rng.nextInt(17) : rng.nextInt(17);
      b.add(Math.min(t, START_US + T * DT_US - 1), x, rng.nextInt(34), right ? 0 : 1);
    }
    for (int i = 0; i < 20; i++) b.add(START_US + T * DT_US + 100 + i, 5, 5, 1); // outside the window: dropped
    return b;
  }

  /** The N-MNIST binary layout: x, y, then polarity (bit 7) and a 23-bit microsecond timestamp, big-endian. */
  private static void writeNmnist(Path file, EventBuffer b) throws IOException {
    byte[] out = new byte[b.size() * 5];
    for (int i = 0; i < b.size(); i++) {
      long t = b.t(i);
      out[5 * i] = (byte) b.x(i);
      out[5 * i + 1] = (byte) b.y(i);
      out[5 * i + 2] = (byte) ((b.p(i) << 7) | ((t >> 16) & 0x7F));
      out[5 * i + 3] = (byte) (t >> 8);
      out[5 * i + 4] = (byte) t;
    }
    Files.createDirectories(file.getParent());
    Files.write(file, out);
  }

  /** Tree with label folders "2" and "10" (numeric order: label 0 = "2", label 1 = "10"). */
  private static Path nmnistTree(Path root, int perClassTrain, int perClassTest) throws IOException {
    for (String split : new String[] {"Train", "Test"}) {
      int n = split.equals("Train") ? perClassTrain : perClassTest;
      for (int i = 0; i < n; i++) {
        writeNmnist(root.resolve(split).resolve("2").resolve(String.format("%05d.bin", i)), recording(false, split.hashCode() * 1000L + i));
        writeNmnist(root.resolve(split).resolve("10").resolve(String.format("%05d.bin", i)), recording(true, split.hashCode() * 1000L + 500 + i));
      }
    }
    return root;
  }

  private static Path indexedFolder(Path root) throws IOException {
    Files.createDirectories(root);
    StringBuilder csv = new StringBuilder("file,label,sourceIndex,split\n");
    for (int i = 0; i < 6; i++) {
      String name = String.format("rec-%02d.raw", i);
      try (Evt2Writer w = new Evt2Writer(root.resolve(name), new SensorGeometry(34, 34))) {
        w.write(recording(i % 2 == 1, 77 + i));
      }
      csv.append(name).append(',').append(i % 2).append(',').append(i).append(',').append(i < 4 ? "train" : "test").append('\n');
    }
    Files.writeString(root.resolve("labels.csv"), csv);
    Files.writeString(root.resolve("classes.txt"), "left\nright\n");
    return root;
  }

  @Test
  void listsAnNmnistTreeWithNumericLabelOrder(@TempDir Path dir) throws Exception {
    EventFolder.Listing l = EventFolder.list(nmnistTree(dir.resolve("nm"), 3, 2), "train", "test");
    assertThat(l.labelNames()).containsExactly("2", "10");
    assertThat(l.train()).hasSize(6);
    assertThat(l.test()).hasSize(4);
    assertThat(l.train()).allSatisfy(r -> assertThat(r.label()).isEqualTo(r.file().getParent().getFileName().toString().equals("2") ? 0 : 1));
    assertThatThrownBy(() -> EventFolder.list(dir.resolve("nm"), "train", "validation"))
        .hasMessageContaining("'validation'").hasMessageContaining("Test").hasMessageContaining("Train");
  }

  @Test
  void listsALabelsCsvFolderBySplit(@TempDir Path dir) throws Exception {
    EventFolder.Listing l = EventFolder.list(indexedFolder(dir.resolve("ix")), "train", "test");
    assertThat(l.labelNames()).containsExactly("left", "right");
    assertThat(l.train()).extracting(r -> r.file().getFileName().toString()).containsExactly("rec-00.raw", "rec-01.raw", "rec-02.raw", "rec-03.raw");
    assertThat(l.test()).extracting(EventFolder.Recording::label).containsExactly(0, 1);
    assertThatThrownBy(() -> EventFolder.list(dir.resolve("ix"), "Train", "holdout"))
        .hasMessageContaining("'holdout'").hasMessageContaining("splits present: test, train").hasMessageContaining("dataset.testSplit");
  }

  @Test
  void framesAreTheRecordingBinnedFromItsFirstEventAndTheTeacherSeesTheirSum(@TempDir Path dir) throws Exception {
    for (Path root : List.of(nmnistTree(dir.resolve("nm"), 1, 1), indexedFolder(dir.resolve("ix")))) {
      EventFolder.Listing l = EventFolder.list(root, "train", "test");
      RecordedEvents.Loaded loaded = RecordedEvents.load(l, T, DT_US, "count");
      assertThat(loaded.encoder().spec().sensorWidth()).isEqualTo(34);
      LabelledImages train = loaded.split().train();
      assertThat(train.channels()).isEqualTo(2 * T);
      // expected counts computed here from the events written, independently of the runtime's encoder
      EventBuffer written = root.toString().endsWith("nm") ? recording(false, "Train".hashCode() * 1000L) : recording(false, 77);
      float[] expected = new float[T * 2 * 34 * 34];
      int inWindow = 0;
      for (int i = 0; i < written.size(); i++) {
        long step = (written.t(i) - written.t(0)) / DT_US;
        if (step >= T) continue;
        expected[(int) step * 2 * 34 * 34 + (written.p(i) * 34 + written.y(i)) * 34 + written.x(i)]++;
        inWindow++;
      }
      assertThat(inWindow).as("most events fall in the T x dt window after the first one").isGreaterThan(250);
      assertThat(train.image(0)).as(root + ": frames of the first training recording").containsExactly(expected);
      float[] teacher = loaded.encoder().teacherView(train).image(0);
      float max = 0;
      for (int j = 0; j < teacher.length; j++) {
        float sum = 0;
        for (int t = 0; t < T; t++) sum += expected[t * teacher.length + j];
        max = Math.max(max, sum);
      }
      assertThat(max).isGreaterThan(1);
      for (int j = 0; j < teacher.length; j++) {
        float sum = 0;
        for (int t = 0; t < T; t++) sum += expected[t * teacher.length + j];
        assertThat(teacher[j]).isEqualTo(sum / max);
      }
    }
  }

  /**
   * The committed folder (samples/recordings/fashion-mnist-events: EVT 2.0 + labels.csv, all in
   * split "test") through the whole pipeline, as train and test set alike: a smoke test of the
   * format `sne emulate` writes, not of accuracy.
   */
  @Test
  void trainsOnTheCommittedRecordingsFolder(@TempDir Path dir) throws Exception {
    Path folder = Path.of("../../samples/recordings/fashion-mnist-events").toAbsolutePath().normalize();
    TrainConfig c = new TrainConfig();
    c.workDir = dir.resolve("work").toString();
    c.output = dir.resolve("smoke.safetensors").toString();
    c.dataset.name = "event-folder";
    c.dataset.path = folder.toString();
    c.dataset.trainSplit = "test";
    c.dataset.testSplit = "test";
    c.dataset.validation = 10;
    c.teacher.conv1 = 4;
    c.teacher.conv2 = 8;
    c.teacher.hidden = 16;
    c.teacher.featureDim = 8;
    c.teacher.epochs = 1;
    c.partition.students = 2;
    c.student.timeSteps = 6;
    c.student.dtUs = 50_000;
    c.student.convChannels = 4;
    c.student.stride = 2;
    c.student.hidden = 16;
    c.student.epochs = 1;
    c.head.epochs = 1;
    c.baseline.annEpochs = 0;
    SneModel model = SneModel.load(TrainRunner.run(c, new RuntimeEnergyMeter(io.sne.runtime.energy.EnergyProfile.HOROWITZ45_FP32, 10)).model());
    assertThat(model.labels()).as("names from classes.txt").startsWith("T-shirt/top", "Trouser").hasSize(10);
    assertThat(model.input().sensorWidth()).as("from the EVT 2.0 header").isEqualTo(34);
    SneEnsemble ens = SneEnsemble.of(model);
    List<EventFolder.Recording> all = EventFolder.list(folder, "test", "test").test();
    assertThat(all).hasSize(50);
    long events = 0;
    for (EventFolder.Recording r : all) events += ens.classify(RecordedEvents.read(r)).energy().inputEvents();
    assertThat(events / 50.0).as("the README's ~3,100 events per recording reach the runtime").isBetween(2500.0, 3700.0);
  }

  /** A real N-MNIST recording (tonic's sample, ../shared/samples) in a tree: 4,325 events from t = 654 us, first (654, 7, 15, ON). */
  @Test
  void readsARealNmnistRecordingInATree(@TempDir Path dir) throws Exception {
    Path sample = Path.of("../../../shared/samples/tonic_sample_nmnist.bin").toAbsolutePath().normalize();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(sample), "real samples not present at " + sample);
    for (String split : new String[] {"Train", "Test"}) {
      Files.createDirectories(dir.resolve(split).resolve("0"));
      Files.copy(sample, dir.resolve(split).resolve("0").resolve("00001.bin"));
    }
    RecordedEvents.Loaded loaded = RecordedEvents.load(EventFolder.list(dir, "train", "test"), 6, 50_000, "count");
    assertThat(loaded.encoder().spec().sensorWidth()).isEqualTo(34);
    float[] frames = loaded.split().train().image(0);
    EventBuffer events = io.sne.events.Recordings.readAll(sample);
    assertThat(events.size()).isEqualTo(4325);
    int inWindow = 0;
    for (int i = 0; i < events.size(); i++) if (events.t(i) - 654 < 300_000) inWindow++;
    double total = 0;
    for (float v : frames) total += v;
    assertThat(total).as("every event of the first 300 ms from the first one, none after").isEqualTo(inWindow).isLessThan(4325);
    assertThat(frames[(1 * 34 + 15) * 34 + 7]).as("step 0, ON, y 15, x 7 holds the first event").isGreaterThanOrEqualTo(1f);
  }

  @Test
  void trainsOnAnEventFolderIntoAModelTheRuntimeRuns(@TempDir Path dir) throws Exception {
    TrainConfig c = new TrainConfig();
    c.name = "folder";
    c.workDir = dir.resolve("work").toString();
    c.output = dir.resolve("folder.safetensors").toString();
    c.dataset.name = "event-folder";
    c.dataset.path = nmnistTree(dir.resolve("nm"), 40, 10).toString();
    c.dataset.validation = 16;
    c.teacher.conv1 = 4;
    c.teacher.conv2 = 8;
    c.teacher.hidden = 16;
    c.teacher.featureDim = 8;
    c.teacher.epochs = 3;
    c.teacher.batchSize = 16;
    c.partition.students = 2;
    c.student.timeSteps = T;
    c.student.dtUs = DT_US;
    c.student.convChannels = 4;
    c.student.stride = 2;
    c.student.hidden = 16;
    c.student.epochs = 15;
    c.student.batchSize = 16;
    c.student.learningRate = 0.01f;
    c.head.epochs = 5;
    c.gate.policy = "learned";
    c.baseline.annEpochs = 0;
    TrainPipeline.Result r = TrainRunner.run(c, new RuntimeEnergyMeter(io.sne.runtime.energy.EnergyProfile.HOROWITZ45_FP32, 50));

    SneModel model = SneModel.load(r.model());
    assertThat(model.input().events()).isTrue();
    assertThat(model.input().timeSteps()).isEqualTo(T);
    assertThat(model.labels()).containsExactly("2", "10");
    assertThat(model.manifest().gate().policy()).isEqualTo("learned");
    @SuppressWarnings("unchecked")
    var teacher = (java.util.Map<String, Object>) r.summary().get("teacher");
    assertThat((double) teacher.get("testAccuracy")).as("the teacher on summed event frames separates left from right").isGreaterThan(0.9);

    // the runtime classifies the test recordings themselves (read again, not the training frames)
    SneEnsemble ens = SneEnsemble.of(model);
    EventFolder.Listing l = EventFolder.list(Path.of(c.dataset.path), "train", "test");
    int ok = 0;
    List<Integer> studentsRun = new ArrayList<>();
    for (EventFolder.Recording rec : l.test()) {
      var d = ens.classify(RecordedEvents.read(rec));
      if (d.predictedClass() == rec.label()) ok++;
      studentsRun.add(d.studentsRun().length);
    }
    assertThat(ok / (double) l.test().size()).as("runtime accuracy on 20 test recordings, students run " + studentsRun).isGreaterThanOrEqualTo(0.8);

    // sne eval reads the test recordings back from the folder; with --teacher the teacher sees the same event noise through its frame view
    Map<String, Object> json = EvalReport.write(r.model(), dir.resolve("report"), null, null, 0, 20, null, Path.of(c.workDir));
    assertThat(json.get("samples")).isEqualTo(20);
    @SuppressWarnings("unchecked")
    Map<String, Object> t = (Map<String, Object>) json.get("teacher");
    assertThat((double) t.get("measuredAccuracy")).isEqualTo((double) teacher.get("testAccuracy"));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> noise = (Map<String, Map<String, Object>>) json.get("noise");
    assertThat(noise.keySet()).containsExactly("background", "hot-pixels", "drop", "jitter");
    assertThat(noise.values()).allSatisfy(m -> assertThat(m).containsKeys("teacherAccuracy", "verdict"));
    // what the noise costs: every student run pays for the background events in synaptic ops
    double[] ops = (double[]) noise.get("background").get("sneSynapticOps");
    double[] run = (double[]) noise.get("background").get("sneActiveStudents");
    assertThat(ops[3] / run[3]).as("synaptic ops per student run at 20 Hz against clean").isGreaterThan(1.5 * ops[0] / run[0]);
    assertThat(java.util.Arrays.stream((double[]) noise.get("drop").get("sneEnergyPj")).boxed().toList()).hasSize(4).allSatisfy(e -> assertThat(e).isPositive());
    assertThat(java.nio.file.Files.readString(dir.resolve("report/report.md"))).containsPattern("20 -> [01]\\.\\d{3} \\(\\d+ nJ\\)");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> configs = (List<Map<String, Object>>) json.get("configurations");
    assertThat(configs.get(configs.size() - 1).get("configuration").toString()).startsWith("gate learned");
    assertThat((double) configs.get(configs.size() - 1).get("accuracy")).isEqualTo(ok / 20.0);

    // --filter: the same test windows behind an edge filter; a 1 s refractory period leaves one event per pixel
    Map<String, Object> filtered = EvalReport.write(r.model(), dir.resolve("report-filtered"), null, null, 0, 20, null, null,
        List.of("refractory:1000000"));
    assertThat(filtered.get("filters")).isEqualTo("filters refractory:1000000");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> filteredConfigs = (List<Map<String, Object>>) filtered.get("configurations");
    for (int i = 0; i < configs.size() - 1; i++) { // fixed k: the same students run, on fewer input events
      assertThat(((Number) filteredConfigs.get(i).get("synapticOps")).doubleValue())
          .isLessThan(((Number) configs.get(i).get("synapticOps")).doubleValue());
    }
    assertThat(java.nio.file.Files.readString(dir.resolve("report-filtered/report.md"))).contains("**Behind an edge filter:**");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EdgeFilters.of(List.of("crop:0,0,8,8"), model))
        .hasMessageContaining("crop or downsample the recordings the model is trained on instead");
    // the window view of the filter is the filter itself
    io.sne.runtime.encode.EventWindow w = RecordedEvents.read(l.test().get(0));
    io.sne.runtime.encode.EventWindow fw = EdgeFilters.of(List.of("refractory:1000000"), model).apply(w);
    io.sne.events.EventBuffer expected = new io.sne.events.transform.RefractoryFilter(
        new io.sne.events.SensorGeometry(model.input().sensorWidth(), model.input().sensorHeight()), 1_000_000)
        .apply(io.sne.events.EventBuffer.of(java.util.Arrays.copyOf(w.tUs(), w.n()), java.util.Arrays.copyOf(w.x(), w.n()),
            java.util.Arrays.copyOf(w.y(), w.n()), java.util.Arrays.copyOf(w.p(), w.n())));
    assertThat(fw.n()).isEqualTo(expected.size()).isLessThan(w.n());
    assertThat(java.util.Arrays.copyOf(fw.tUs(), fw.n())).containsExactly(java.util.Arrays.copyOf(expected.timestampsUs(), expected.size()));
    assertThat(fw.windowStartUs()).isEqualTo(w.windowStartUs());
  }
}
