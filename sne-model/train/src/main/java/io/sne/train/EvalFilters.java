package io.sne.train;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import io.sne.events.transform.StreamTransforms;
import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.model.SneModel;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@code sne eval --filter}: every test window, clean or corrupted by the robustness curves' noise,
 * passes through the filters of {@code sne replay --filter} before the encoder, so the report
 * measures a model deployed behind an edge filter. Each window gets fresh filter state, as each
 * recording is its own stream.
 */
final class EvalFilters {
  private final StreamTransforms filters;
  private final SensorGeometry sensor;

  private EvalFilters(StreamTransforms filters, SensorGeometry sensor) {
    this.filters = filters;
    this.sensor = sensor;
  }

  /** Null when there are no filters; refuses image models and filters that change the sensor size. */
  static EvalFilters of(List<String> specs, SneModel model) {
    if (specs == null || specs.isEmpty()) {
      return null;
    }
    if (!model.input().events()) {
      throw new IllegalArgumentException("--filter acts on events; " + model.name() + " reads images");
    }
    StreamTransforms filters = StreamTransforms.parse(List.of(), specs, 0);
    SensorGeometry sensor = new SensorGeometry(model.input().sensorWidth(), model.input().sensorHeight());
    SensorGeometry out = filters.forStream(sensor, "eval").outputGeometry(sensor);
    if (!out.equals(sensor)) {
      throw new IllegalArgumentException("the filters turn the " + sensor + " sensor into " + out + ", but " + model.name()
          + " reads " + sensor + ": crop or downsample the recordings the model is trained on instead");
    }
    return new EvalFilters(filters, sensor);
  }

  String describe() {
    return filters.describe();
  }

  IntFunction<EventWindow> around(IntFunction<EventWindow> windows) {
    return i -> apply(windows.apply(i));
  }

  EventWindow apply(EventWindow w) {
    EventBuffer in = EventBuffer.of(Arrays.copyOf(w.tUs(), w.n()), Arrays.copyOf(w.x(), w.n()),
        Arrays.copyOf(w.y(), w.n()), Arrays.copyOf(w.p(), w.n()));
    EventBuffer out = filters.forStream(sensor, "eval").apply(in);
    return new EventWindow(Arrays.copyOf(out.timestampsUs(), out.size()), Arrays.copyOf(out.xs(), out.size()),
        Arrays.copyOf(out.ys(), out.size()), Arrays.copyOf(out.polarities(), out.size()), out.size(),
        w.windowStartUs());
  }
}
