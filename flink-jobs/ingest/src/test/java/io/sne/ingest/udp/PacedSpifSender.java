package io.sne.ingest.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark's camera bridge: sends SPIF datagrams at a target event rate (or as fast as it can)
 * from a fixed pool of pre-encoded datagrams. Timestamp words, when present, are rewritten with the
 * elapsed microseconds before each send so the sensor clock advances as a real one would.
 */
final class PacedSpifSender implements Runnable {
  private final InetSocketAddress target;
  private final ByteBuffer[] datagrams;
  private final int eventsPerDatagram;
  private final boolean withTimestamps;
  private final double eventsPerSecond;
  private volatile boolean running = true;
  private volatile long sentEvents;
  private volatile long sentDatagrams;

  /** @param eventsPerSecond target rate; 0 = unpaced */
  PacedSpifSender(InetSocketAddress target, int width, int height, int payloadBytes, boolean withTimestamps,
      double eventsPerSecond) {
    this.target = target;
    this.withTimestamps = withTimestamps;
    this.eventsPerSecond = eventsPerSecond;
    this.eventsPerDatagram = payloadBytes / (withTimestamps ? 8 : 4);
    this.datagrams = new ByteBuffer[256];
    List<SpifEvent> events = TestEvents.random(eventsPerDatagram * datagrams.length, width, height, 0, 1);
    List<byte[]> encoded = SpifDatagrams.encode(events, withTimestamps, payloadBytes, ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < datagrams.length; i++) {
      datagrams[i] = ByteBuffer.allocateDirect(encoded.get(i).length).order(ByteOrder.LITTLE_ENDIAN);
      datagrams[i].put(encoded.get(i)).flip();
    }
  }

  @Override
  public void run() {
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
      channel.connect(target);
      long start = System.nanoTime();
      long events = 0;
      long sent = 0;
      while (running) {
        long elapsedNanos = System.nanoTime() - start;
        if (eventsPerSecond > 0 && events >= eventsPerSecond * elapsedNanos / 1e9) {
          LockSupport.parkNanos(20_000);
          continue;
        }
        ByteBuffer datagram = datagrams[(int) (sent & (datagrams.length - 1))];
        if (withTimestamps) {
          int nowUs = (int) (elapsedNanos / 1_000);
          for (int i = 4; i < datagram.limit(); i += 8) {
            datagram.putInt(i, nowUs);
          }
        }
        datagram.rewind();
        channel.write(datagram);
        sent++;
        events += eventsPerDatagram;
        sentDatagrams = sent;
        sentEvents = events;
      }
    } catch (IOException e) {
      throw new IllegalStateException("benchmark sender failed", e);
    }
  }

  void stop() {
    running = false;
  }

  long sentEvents() {
    return sentEvents;
  }

  long sentDatagrams() {
    return sentDatagrams;
  }
}
