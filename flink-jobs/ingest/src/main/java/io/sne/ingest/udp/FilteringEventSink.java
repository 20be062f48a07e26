package io.sne.ingest.udp;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import io.sne.events.transform.StreamTransforms;
import io.sne.events.transform.TransformChain;

/**
 * Runs each decoded event through the ingest's filters ({@code --filter}) before the packetiser, so
 * a live camera is denoised at the edge as a recording is on replay. Events the filters remove are
 * counted ({@link IngestMetrics#eventsFiltered}), never lost silently. Each stream starts with fresh
 * filter state: a camera that restarts its clock must not be judged by the old stream's timestamps.
 */
final class FilteringEventSink implements EventSink {
  private final StreamTransforms filters;
  private final SensorGeometry sensor;
  private final String streamId;
  private final EventSink next;
  private final IngestMetrics metrics;
  private final EventBuffer one = new EventBuffer(1);
  private final EventBuffer passed = new EventBuffer();
  private TransformChain chain;

  FilteringEventSink(StreamTransforms filters, SensorGeometry sensor, String streamId, EventSink next, IngestMetrics metrics) {
    this.filters = filters;
    this.sensor = sensor;
    this.streamId = streamId;
    this.next = next;
    this.metrics = metrics;
    newStream();
  }

  void newStream() {
    chain = filters.forStream(sensor, streamId);
  }

  @Override
  public void event(long timestampUs, int x, int y, boolean on, boolean sensorClock) {
    one.clear();
    one.add(timestampUs, x, y, on ? 1 : 0);
    passed.clear();
    chain.apply(one, passed);
    if (passed.isEmpty()) {
      metrics.eventsFiltered(1);
      return;
    }
    for (int i = 0; i < passed.size(); i++) {
      next.event(passed.t(i), passed.x(i), passed.y(i), passed.p(i) != 0, sensorClock);
    }
  }
}
