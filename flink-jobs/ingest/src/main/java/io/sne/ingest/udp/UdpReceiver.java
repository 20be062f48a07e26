package io.sne.ingest.udp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * The socket thread: receives datagrams as fast as the kernel delivers them and hands them to the
 * packetiser through the bounded {@link DatagramQueue}. It never blocks on the queue: when it is
 * full, the datagram is dropped and counted here, so the socket buffer keeps draining and overload
 * shows up in our counters rather than as silent kernel drops.
 */
final class UdpReceiver implements Runnable {
  private static final int MAX_UDP_PAYLOAD = 65_535; // receiving into anything smaller would truncate silently

  private final DatagramChannel channel;
  private final DatagramQueue queue;
  private final IngestMetrics metrics;
  private final ByteOrder byteOrder;
  private volatile IOException failure;

  UdpReceiver(DatagramChannel channel, DatagramQueue queue, ByteOrder byteOrder, IngestMetrics metrics) {
    this.channel = channel;
    this.byteOrder = byteOrder;
    this.queue = queue;
    this.metrics = metrics;
  }

  @Override
  public void run() {
    // Direct, so the channel reads into it without an extra copy through a temporary buffer.
    // In the stream's byte order: the events of a dropped datagram are counted from it.
    ByteBuffer received = ByteBuffer.allocateDirect(MAX_UDP_PAYLOAD).order(byteOrder);
    while (true) {
      received.clear();
      try {
        channel.receive(received);
      } catch (ClosedChannelException stopped) {
        return;
      } catch (IOException e) {
        failure = e;
        return;
      }
      long arrivalNanos = System.nanoTime();
      received.flip();
      metrics.datagramReceived(received.remaining());
      DatagramSlot slot = queue.claim();
      if (slot == null) {
        metrics.droppedQueueFull(SpifDatagramDecoder.countEvents(received));
        continue;
      }
      slot.fill(received, arrivalNanos);
      queue.submit(slot);
    }
  }

  /** Why receiving stopped other than being closed; null if it did not fail. */
  IOException failure() {
    return failure;
  }
}
