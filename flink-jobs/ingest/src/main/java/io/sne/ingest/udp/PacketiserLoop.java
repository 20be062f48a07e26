package io.sne.ingest.udp;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packetiser thread: decodes queued datagrams into the {@link EventPacketiser}, closes packets
 * that have waited a slice long in wall time, and ends the stream after the idle time. When the
 * receiver has stopped it drains what is left in the queue and ends the stream, so nothing received
 * is lost on shutdown.
 */
final class PacketiserLoop implements Runnable {
  private final DatagramQueue queue;
  private final SpifDatagramDecoder decoder;
  private final EventPacketiser packetiser;
  /** Where decoded events go: the filters, when there are any, else the packetiser. */
  private final EventSink decodeInto;
  private final FilteringEventSink filtering;
  private final ArrivalClock arrivalClock;
  private final IngestMetrics metrics;
  private final BooleanSupplier receiving;
  private final Runnable onStreamEnd;
  private final long sliceNanos;
  private final long idleNanos;
  private final long pollNanos;
  private long lastDatagramNanos;

  /** @param filtering the --filter stage in front of the packetiser, or null without filters */
  PacketiserLoop(UdpIngestConfig config, DatagramQueue queue, EventPacketiser packetiser, FilteringEventSink filtering,
      ArrivalClock arrivalClock, IngestMetrics metrics, BooleanSupplier receiving, Runnable onStreamEnd) {
    this.queue = queue;
    this.decoder = new SpifDatagramDecoder(config.width(), config.height());
    this.packetiser = packetiser;
    this.filtering = filtering;
    this.decodeInto = filtering == null ? packetiser : filtering;
    this.arrivalClock = arrivalClock;
    this.metrics = metrics;
    this.receiving = receiving;
    this.onStreamEnd = onStreamEnd;
    this.sliceNanos = TimeUnit.MICROSECONDS.toNanos(config.sliceUs());
    this.idleNanos = TimeUnit.MILLISECONDS.toNanos(config.idleMs());
    // Wake often enough to honour both the slice and the idle time to within a quarter of each.
    long wake = Math.min(sliceNanos, idleNanos) / 4;
    this.pollNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(wake, TimeUnit.MILLISECONDS.toNanos(100)));
  }

  @Override
  public void run() {
    try {
      while (receiving.getAsBoolean() || !queue.isEmpty()) {
        DatagramSlot slot = queue.take(pollNanos);
        if (slot != null) {
          consume(slot);
        }
        long now = System.nanoTime();
        packetiser.flushIfOlderThan(now, sliceNanos);
        if (packetiser.streamOpen() && now - lastDatagramNanos >= idleNanos) {
          endStream();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    endStream();
  }

  private void consume(DatagramSlot slot) {
    lastDatagramNanos = slot.arrivalNanos();
    try {
      MalformedReason problem = decoder.decode(slot.datagram(), arrivalClock.toMicros(slot.arrivalNanos()), decodeInto);
      if (problem == null) {
        metrics.eventsDecoded(decoder.lastEventCount());
      } else {
        metrics.malformed(problem);
      }
    } finally {
      queue.release(slot);
    }
  }

  private void endStream() {
    if (packetiser.streamOpen()) {
      packetiser.endStream();
      onStreamEnd.run();
    }
    if (filtering != null) {
      filtering.newStream();
    }
  }
}
