package io.sne.events.transform;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import java.util.ArrayList;
import java.util.List;

/** Transforms applied one after the other to each packet; one chain serves one stream. */
public final class TransformChain implements EventTransform {
  private final List<EventTransform> steps;
  /** Reused between steps, so a long stream allocates nothing per packet once warm. */
  private final EventBuffer[] between;

  public TransformChain(List<EventTransform> steps) {
    this.steps = List.copyOf(steps);
    this.between = new EventBuffer[Math.max(0, this.steps.size() - 1)];
    for (int i = 0; i < between.length; i++) {
      between[i] = new EventBuffer();
    }
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }

  @Override
  public void apply(EventBuffer in, EventBuffer out) {
    if (steps.isEmpty()) {
      out.addAll(in);
      return;
    }
    EventBuffer current = in;
    for (int i = 0; i < steps.size(); i++) {
      EventBuffer target = i == steps.size() - 1 ? out : between[i];
      if (target != out) {
        target.clear();
      }
      steps.get(i).apply(current, target);
      current = target;
    }
  }

  @Override
  public SensorGeometry outputGeometry(SensorGeometry input) {
    SensorGeometry geometry = input;
    for (EventTransform step : steps) {
      geometry = step.outputGeometry(geometry);
    }
    return geometry;
  }

  /** The steps, for messages. */
  public List<EventTransform> steps() {
    return new ArrayList<>(steps);
  }
}
