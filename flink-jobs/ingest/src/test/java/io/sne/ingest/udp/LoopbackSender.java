package io.sne.ingest.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Sends datagrams to an ingest over loopback in small bursts, waiting after each burst until the
 * ingest has received them all, so a busy test machine cannot overflow the socket buffer and tests
 * can demand every event back.
 */
final class LoopbackSender implements AutoCloseable {
  private static final int BURST = 32;
  private final DatagramChannel channel;
  private final LongSupplier receivedDatagrams;
  private long sent;

  LoopbackSender(InetSocketAddress target, LongSupplier receivedDatagrams) throws IOException {
    this.channel = DatagramChannel.open().connect(target);
    this.receivedDatagrams = receivedDatagrams;
    this.sent = receivedDatagrams.getAsLong();
  }

  void send(List<byte[]> datagrams) throws IOException, InterruptedException {
    for (int i = 0; i < datagrams.size(); i++) {
      channel.write(ByteBuffer.wrap(datagrams.get(i)));
      sent++;
      if ((i + 1) % BURST == 0 || i == datagrams.size() - 1) {
        awaitReceived(Duration.ofSeconds(10));
      }
    }
  }

  private void awaitReceived(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (receivedDatagrams.getAsLong() < sent) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("ingest received " + receivedDatagrams.getAsLong() + " of " + sent + " datagrams");
      }
      Thread.sleep(1);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
