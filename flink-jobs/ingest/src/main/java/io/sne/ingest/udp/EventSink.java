package io.sne.ingest.udp;

/** Receives decoded events one at a time, as primitives, so decoding allocates nothing per event. */
interface EventSink {
  /** @param sensorClock true if the timestamp came from the sensor, false if it is the arrival time */
  void event(long timestampUs, int x, int y, boolean on, boolean sensorClock);
}
