package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.events.EventBuffer;
import io.sne.events.emulate.EmulatorConfig;
import io.sne.runtime.model.SneModel;
import io.sne.train.data.Datasets;
import io.sne.train.data.LabelledImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code student.eventFilters}: students trained on the filtered view of each recording, and eval applying the same filters. */
class EdgeFilterTrainingTest {
  private static final List<String> DENOISE = List.of("denoise:1000");

  @Test
  void recordingsAreFilteredBeforeTheyAreBinnedAndCachedApart(@TempDir Path dir) throws Exception {
    LabelledImages images = Datasets.fashionMnist(null).test().first(6);
    EventsEncoder plain = new EventsEncoder(EmulatorConfig.nmnistLike(), 6, 50_000, "count", "fashion-mnist-events", 1);
    EventsEncoder filtered = new EventsEncoder(EmulatorConfig.nmnistLike(), 6, 50_000, "count", "fashion-mnist-events", 1, DENOISE);
    EdgeFilters denoise = EdgeFilters.forSensor(DENOISE, EmulatorConfig.nmnistLike().sensor(), "test");
    for (int i = 0; i < images.size(); i++) {
      EventBuffer raw = plain.record(images, i, 42);
      EventBuffer expected = denoise.apply(raw);
      EventBuffer got = filtered.record(images, i, 42);
      assertThat(got.size()).as("sample %d: denoise removes isolated events", i).isLessThan(raw.size()).isEqualTo(expected.size());
      assertThat(Arrays.copyOf(got.timestampsUs(), got.size())).isEqualTo(Arrays.copyOf(expected.timestampsUs(), expected.size()));
      assertThat(Arrays.copyOf(got.xs(), got.size())).isEqualTo(Arrays.copyOf(expected.xs(), expected.size()));
      assertThat(filtered.frames(got)).isEqualTo(plain.frames(expected));
    }
    new InputCache(dir, plain).get("test", images, 42);
    StudentInputs fromFilteredCache = new InputCache(dir, filtered).get("test", images, 42);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("inputs-test-"))).as("one cache file each").hasSize(2);
    }
    assertThat(fromFilteredCache.rows()).as("not the unfiltered frames read back").isEqualTo(filtered.encode(images, 42).rows());
    assertThat(fromFilteredCache.rows()).isNotEqualTo(plain.encode(images, 42).rows());

    assertThatThrownBy(() -> new EventsEncoder(EmulatorConfig.nmnistLike(), 6, 50_000, "count", "x", 1, List.of("downsample:2")))
        .hasMessageContaining("34x34").hasMessageContaining("17x17");
  }

  @Test
  void evalAppliesTheFiltersTheModelWasTrainedBehind(@TempDir Path dir) throws Exception {
    TrainConfig c = TrainPipelineTest.tiny(dir);
    c.dataset.name = "fashion-mnist-events";
    c.dataset.trainLimit = 600;
    c.dataset.validation = 200;
    c.dataset.testLimit = 200;
    c.student.dtUs = 50_000;
    c.student.timeSteps = 6;
    c.student.eventFilters = new java.util.ArrayList<>(DENOISE);
    TrainPipeline.Result r = TrainRunner.run(c, TrainPipelineTest.meter());
    SneModel model = SneModel.load(r.model());
    assertThat(EdgeFilters.trainedBehind(model)).isEqualTo(DENOISE);

    Map<String, Object> json = EvalReport.write(r.model(), dir.resolve("report"), null, null, 100, 10, null, null);
    assertThat(json.get("filters")).isEqualTo("filters denoise:1000");
    assertThat(Files.readString(dir.resolve("report/report.md"))).contains("passes filters denoise:1000");
    Map<String, Object> more = EvalReport.write(r.model(), dir.resolve("report2"), null, null, 100, 10, null, null, List.of("refractory:2000"));
    assertThat(more.get("filters")).as("the model's filters first, then --filter").isEqualTo("filters denoise:1000 -> refractory:2000");

    TrainConfig direct = TrainPipelineTest.tiny(dir.resolve("direct"));
    direct.student.eventFilters = new java.util.ArrayList<>(DENOISE);
    assertThatThrownBy(() -> TrainRunner.run(direct, TrainPipelineTest.meter()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("student.eventFilters").hasMessageContaining("direct images");
    assertThat(dir.resolve("direct/work")).as("refused before any stage ran").doesNotExist();
  }
}
