package io.sne.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import io.sne.events.transform.StreamTransforms;
import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.model.SneModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The edge filters of {@code sne replay --filter} (denoise, refractory, hot-pixel, polarity merge)
 * in front of a model: in training ({@code student.eventFilters}: every emulated recording is
 * filtered before it is binned, so the students learn the filtered view a deployment behind the
 * filter gives them) and in {@code sne eval} (the model's training filters, then those of
 * {@code --filter}, after the robustness curves' noise, as a deployment sees it). Each recording
 * gets fresh filter state, as each is its own stream. Only filters that keep the sensor size: the
 * model's input is that size.
 */
public final class EdgeFilters {
  private final StreamTransforms filters;
  private final SensorGeometry sensor;

  private EdgeFilters(StreamTransforms filters, SensorGeometry sensor) {
    this.filters = filters;
    this.sensor = sensor;
  }

  /** Null when there are no filters; refuses filters that change the sensor size. */
  static EdgeFilters forSensor(List<String> specs, SensorGeometry sensor, String reader) {
    if (specs == null || specs.isEmpty()) {
      return null;
    }
    StreamTransforms filters = StreamTransforms.parse(List.of(), specs, 0);
    SensorGeometry out = filters.forStream(sensor, "edge").outputGeometry(sensor);
    if (!out.equals(sensor)) {
      throw new IllegalArgumentException("the filters turn the " + sensor + " sensor into " + out + ", but " + reader
          + " reads " + sensor + ": crop or downsample the recordings the model is trained on instead");
    }
    return new EdgeFilters(filters, sensor);
  }

  /** {@code sne eval}: the filters the model was trained behind, then {@code extra}; null when there are none. */
  static EdgeFilters of(List<String> extra, SneModel model) {
    List<String> specs = new ArrayList<>(trainedBehind(model));
    specs.addAll(extra == null ? List.of() : extra);
    if (specs.isEmpty()) {
      return null;
    }
    if (!model.input().events()) {
      throw new IllegalArgumentException("--filter acts on events; " + model.name() + " reads images");
    }
    return forSensor(specs, new SensorGeometry(model.input().sensorWidth(), model.input().sensorHeight()), model.name());
  }

  /** The model's {@code student.eventFilters} from its provenance (empty for models trained without). */
  public static List<String> trainedBehind(SneModel model) {
    JsonNode prov = model.manifest().provenance();
    JsonNode f = prov == null ? null : prov.at("/config/student/eventFilters");
    List<String> out = new ArrayList<>();
    if (f != null && f.isArray()) {
      f.forEach(s -> out.add(s.asText()));
    }
    return out;
  }

  String describe() {
    return filters.describe();
  }

  IntFunction<EventWindow> around(IntFunction<EventWindow> windows) {
    return i -> apply(windows.apply(i));
  }

  EventBuffer apply(EventBuffer in) {
    return filters.forStream(sensor, "edge").apply(in);
  }

  EventWindow apply(EventWindow w) {
    EventBuffer in = EventBuffer.of(Arrays.copyOf(w.tUs(), w.n()), Arrays.copyOf(w.x(), w.n()),
        Arrays.copyOf(w.y(), w.n()), Arrays.copyOf(w.p(), w.n()));
    EventBuffer out = apply(in);
    return new EventWindow(Arrays.copyOf(out.timestampsUs(), out.size()), Arrays.copyOf(out.xs(), out.size()),
        Arrays.copyOf(out.ys(), out.size()), Arrays.copyOf(out.polarities(), out.size()), out.size(),
        w.windowStartUs());
  }
}
