package io.sne.train;

import io.sne.runtime.model.InputSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every events encoder shares: two polarity channels binned by the runtime's {@link InputSpec},
 * so the model file describes emulated and recorded events alike.
 */
abstract class EventInputEncoder implements InputEncoder {
  protected final InputSpec spec;

  protected EventInputEncoder(InputSpec spec) {
    this.spec = spec;
  }

  public InputSpec spec() {
    return spec;
  }

  @Override
  public Map<String, Object> inputSpec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("encoding", "events");
    m.put("channels", 2);
    m.put("height", spec.height());
    m.put("width", spec.width());
    m.put("sensorWidth", spec.sensorWidth());
    m.put("sensorHeight", spec.sensorHeight());
    m.put("timeSteps", spec.timeSteps());
    m.put("dtUs", spec.dtUs());
    m.put("frame", spec.frame());
    return m;
  }

  @Override
  public String encoding() {
    return "events";
  }

  @Override
  public int channels() {
    return 2;
  }

  @Override
  public int height() {
    return spec.height();
  }

  @Override
  public int width() {
    return spec.width();
  }
}
