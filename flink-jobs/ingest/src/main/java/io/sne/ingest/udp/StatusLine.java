package io.sne.ingest.udp;

import java.util.Locale;
import java.util.Map;

/** One human-readable line of ingest progress over the last interval, for the periodic status output. */
final class StatusLine {
  private StatusLine() {}

  static String format(IngestMetrics.Snapshot previous, IngestMetrics.Snapshot now, SendLatencyWindow.Summary latency) {
    double seconds = Math.max(1e-9, (now.atNanos() - previous.atNanos()) / 1e9);
    double eventsPerSecond = (now.events() - previous.events()) / seconds;
    StringBuilder line = new StringBuilder(256);
    line.append(String.format(Locale.ROOT, "datagrams %d, events %d (%s ev/s), packets %d, acked events %d",
        now.datagrams(), now.events(), human(eventsPerSecond), now.packetsSent(), now.eventsAcked()));
    if (now.eventsFiltered() > 0) {
      line.append(String.format(Locale.ROOT, ", filtered out %d ev", now.eventsFiltered()));
    }
    line.append(String.format(Locale.ROOT, " | dropped: queue-full %d dgrams/%d ev, socket-buffer %s dgrams, kafka-failed %d pkts/%d ev",
        now.queueFullDatagrams(), now.queueFullEvents(),
        now.socketBufferDrops() < 0 ? "?" : Long.toString(now.socketBufferDrops()),
        now.kafkaFailedPackets(), now.kafkaFailedEvents()));
    if (now.lastKafkaError() != null) {
      line.append(" (last: ").append(now.lastKafkaError()).append(')');
    }
    line.append(" | malformed:");
    for (Map.Entry<MalformedReason, Long> entry : now.malformed().entrySet()) {
      line.append(' ').append(entry.getKey().label).append(' ').append(entry.getValue());
    }
    if (latency.count() > 0) {
      line.append(String.format(Locale.ROOT, " | kafka send ms p50 %.1f p99 %.1f max %.1f",
          latency.p50Ms(), latency.p99Ms(), latency.maxMs()));
    }
    return line.toString();
  }

  private static String human(double value) {
    if (value >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", value / 1e6);
    }
    if (value >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", value / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", value);
  }
}
