package io.sne.ingest.udp;

import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running UDP ingest: SPIF datagrams on a socket become EventPackets in a {@link PacketSink}.
 *
 * <pre>
 *   socket --receiver thread--> bounded DatagramQueue --packetiser thread--> decode, slice --> PacketSink (Kafka)
 * </pre>
 *
 * Runs until {@link #close()}, which stops receiving, packetises what is queued, ends the open
 * stream and flushes the sink. The sink stays open: it belongs to the caller.
 */
public final class UdpIngest implements AutoCloseable {
  private final PacketSink sink;
  private final IngestMetrics metrics;
  private final DatagramChannel channel;
  private final UdpReceiver receiver;
  private final Thread receiverThread;
  private final Thread packetiserThread;
  private final ScheduledExecutorService statusTimer;
  private final SocketDropCounter socketDrops;
  private final Consumer<String> status;
  private final Semaphore streamEnds = new Semaphore(0);
  private final Object statusLock = new Object();
  private final int receiveBufferBytes;
  private volatile boolean receiving = true;
  private boolean closed;
  private IngestMetrics.Snapshot lastReported;

  private UdpIngest(UdpIngestConfig config, PacketSink sink, IngestMetrics metrics, Consumer<String> status)
      throws IOException {
    this.sink = sink;
    this.metrics = metrics;
    this.status = status;
    channel = DatagramChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferBytes());
      channel.bind(config.bind());
      receiveBufferBytes = channel.getOption(StandardSocketOptions.SO_RCVBUF);
    } catch (IOException e) {
      channel.close();
      throw new IOException("cannot receive UDP on " + config.bind() + ": " + e.getMessage(), e);
    }
    socketDrops = new SocketDropCounter(localAddress().getPort());
    DatagramQueue queue = new DatagramQueue(config.queueCapacity(), config.byteOrder());
    receiver = new UdpReceiver(channel, queue, config.byteOrder(), metrics);
    SensorGeometry sensor = new SensorGeometry(config.width(), config.height());
    SensorGeometry sent = config.filters().forStream(sensor, config.streamId()).outputGeometry(sensor);
    EventPacketiser packetiser = new EventPacketiser(config.streamId(), sent.width(), sent.height(),
        config.sliceUs(), config.maxPacketEvents(), sourceOf(localAddress()), sink, metrics);
    FilteringEventSink filtering = config.filters().isEmpty() ? null
        : new FilteringEventSink(config.filters(), sensor, config.streamId(), packetiser, metrics);
    PacketiserLoop loop = new PacketiserLoop(config, queue, packetiser, filtering, new ArrivalClock(), metrics,
        () -> receiving, streamEnds::release);
    receiverThread = new Thread(receiver, "sne-udp-receiver");
    packetiserThread = new Thread(loop, "sne-udp-packetiser");
    statusTimer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sne-udp-status");
      t.setDaemon(true);
      return t;
    });
  }

  /** Binds the socket and starts receiving. Status lines go to {@code status} every configured interval. */
  public static UdpIngest start(UdpIngestConfig config, PacketSink sink, IngestMetrics metrics, Consumer<String> status)
      throws IOException {
    UdpIngest ingest = new UdpIngest(config, sink, metrics, status);
    ingest.lastReported = metrics.snapshot(ingest.socketDrops.drops());
    ingest.receiverThread.start();
    ingest.packetiserThread.start();
    ingest.statusTimer.scheduleAtFixedRate(ingest::reportStatus, config.statusIntervalMs(), config.statusIntervalMs(),
        TimeUnit.MILLISECONDS);
    return ingest;
  }

  /** The bound address (with the actual port when port 0 was asked for). */
  public InetSocketAddress localAddress() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("socket closed", e);
    }
  }

  /** SO_RCVBUF as granted by the kernel, which may be less than asked for. */
  public int receiveBufferBytes() {
    return receiveBufferBytes;
  }

  public IngestMetrics.Snapshot snapshot() {
    return metrics.snapshot(socketDrops.drops());
  }

  /** Waits until a stream ends by going idle; true if one did within {@code timeout}. */
  public boolean awaitStreamEnd(Duration timeout) throws InterruptedException {
    return streamEnds.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** True while the socket thread runs; false after close or a socket failure (see {@link #failure()}). */
  public boolean isReceiving() {
    return receiverThread.isAlive();
  }

  public IOException failure() {
    return receiver.failure();
  }

  private void reportStatus() {
    synchronized (statusLock) { // not on this: status lines keep coming while close() drains
      IngestMetrics.Snapshot now = snapshot();
      status.accept(StatusLine.format(lastReported, now, metrics.drainSendLatency()));
      lastReported = now;
    }
  }

  /** Idempotent: a second call (say, from a shutdown hook) returns at once. */
  @Override
  public synchronized void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    socketDrops.drops(); // last reading while the socket still exists
    try {
      channel.close(); // unblocks the receiver
    } catch (IOException ignored) {
      // closing a datagram channel does not fail in a way we could act on
    }
    receiverThread.join();
    receiving = false; // only now: the packetiser drains everything the receiver queued, then stops
    packetiserThread.join();
    sink.flush();
    statusTimer.shutdownNow();
    statusTimer.awaitTermination(1, TimeUnit.SECONDS); // so the final line below is the last one
    reportStatus();
  }

  private static String sourceOf(InetSocketAddress bound) {
    return "udp://" + bound.getHostString() + ":" + bound.getPort();
  }
}
