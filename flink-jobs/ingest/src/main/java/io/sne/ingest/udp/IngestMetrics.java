package io.sne.ingest.udp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters of one UDP ingest, updated by the receiver, packetiser and Kafka callback threads and
 * read by the status reporter. Every datagram and event that does not reach Kafka lands in exactly
 * one drop or malformed counter.
 */
public final class IngestMetrics {
  private final AtomicLong datagrams = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong packetsSent = new AtomicLong();
  private final AtomicLong eventsAcked = new AtomicLong();
  private final AtomicLong queueFullDatagrams = new AtomicLong();
  private final AtomicLong queueFullEvents = new AtomicLong();
  private final AtomicLong kafkaFailedPackets = new AtomicLong();
  private final AtomicLong kafkaFailedEvents = new AtomicLong();
  private final AtomicLong timestampRegressions = new AtomicLong();
  private final AtomicLong eventsFiltered = new AtomicLong();
  private final AtomicLong streamsEnded = new AtomicLong();
  private final AtomicLongArray malformed = new AtomicLongArray(MalformedReason.values().length);
  private final SendLatencyWindow sendLatency = new SendLatencyWindow();
  private final AtomicReference<String> lastKafkaError = new AtomicReference<>();

  void datagramReceived(int byteCount) {
    datagrams.incrementAndGet();
    bytes.addAndGet(byteCount);
  }

  void droppedQueueFull(int eventCount) {
    queueFullDatagrams.incrementAndGet();
    queueFullEvents.addAndGet(eventCount);
  }

  void malformed(MalformedReason reason) {
    malformed.incrementAndGet(reason.ordinal());
  }

  void eventsDecoded(int count) {
    events.addAndGet(count);
  }

  /** Events a --filter removed (decoded and counted in events, not sent). */
  void eventsFiltered(int count) {
    eventsFiltered.addAndGet(count);
  }

  void timestampRegression() {
    timestampRegressions.incrementAndGet();
  }

  void packetSent() {
    packetsSent.incrementAndGet();
  }

  void packetAcked(int eventCount, long latencyNanos) {
    eventsAcked.addAndGet(eventCount);
    sendLatency.record(latencyNanos);
  }

  void packetFailed(int eventCount, Exception error) {
    kafkaFailedPackets.incrementAndGet();
    kafkaFailedEvents.addAndGet(eventCount);
    lastKafkaError.set(error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  void streamEnded() {
    streamsEnded.incrementAndGet();
  }

  /** A consistent-enough copy of every counter (each read atomically, not all at one instant). */
  public Snapshot snapshot(long socketBufferDrops) {
    Map<MalformedReason, Long> byReason = new EnumMap<>(MalformedReason.class);
    for (MalformedReason reason : MalformedReason.values()) {
      byReason.put(reason, malformed.get(reason.ordinal()));
    }
    return new Snapshot(System.nanoTime(), datagrams.get(), bytes.get(), events.get(), packetsSent.get(),
        eventsAcked.get(), queueFullDatagrams.get(), queueFullEvents.get(), kafkaFailedPackets.get(),
        kafkaFailedEvents.get(), socketBufferDrops, byReason, timestampRegressions.get(), streamsEnded.get(),
        lastKafkaError.get(), eventsFiltered.get());
  }

  /** Kafka send latency percentiles since the previous call. */
  SendLatencyWindow.Summary drainSendLatency() {
    return sendLatency.drain();
  }

  /**
   * @param events events decoded from well-formed datagrams and handed to the packetiser
   * @param eventsAcked events in packets the broker acknowledged
   * @param socketBufferDrops datagrams the kernel dropped because the socket buffer was full (-1: unknown on this OS)
   * @param timestampRegressions sensor timestamps earlier than their predecessor (kept, but they start a new packet)
   * @param lastKafkaError the most recent failed send's error, null if none failed
   * @param eventsFiltered decoded events that the ingest's filters removed on purpose (not a drop)
   */
  public record Snapshot(long atNanos, long datagrams, long bytes, long events, long packetsSent, long eventsAcked,
      long queueFullDatagrams, long queueFullEvents, long kafkaFailedPackets, long kafkaFailedEvents,
      long socketBufferDrops, Map<MalformedReason, Long> malformed, long timestampRegressions, long streamsEnded,
      String lastKafkaError, long eventsFiltered) {

    public long malformedDatagrams() {
      return malformed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Drops of any reason other than malformed input: zero means the ingest kept up. */
    public long overloadDrops() {
      return queueFullDatagrams + kafkaFailedPackets + Math.max(0, socketBufferDrops);
    }
  }
}
