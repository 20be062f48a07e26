package io.sne.cli;

import io.sne.events.transform.StreamTransforms;
import io.sne.ingest.EventPacketPublisher;
import io.sne.ingest.udp.IngestMetrics;
import io.sne.ingest.udp.KafkaPacketSink;
import io.sne.ingest.udp.UdpIngest;
import io.sne.ingest.udp.UdpIngestConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sne ingest udp}: SPIF-style UDP datagrams from a camera bridge into the EventPacket topic. */
@Command(
    name = "udp",
    mixinStandardHelpOptions = true,
    description = {
        "Receive SPIF-style 32-bit event words over UDP and publish them to Kafka as EventPackets keyed by stream id.",
        "Word: bit 31 set = no timestamp follows (event stamped with its arrival time); bits 30..16 x; bit 15 polarity;"
            + " bits 14..0 y. Bit 31 clear = the next word is the timestamp in us (32-bit, unwrapped).",
        "Runs until interrupted (Ctrl-C), printing a status line every interval; see docs/ingest.md."})
final class IngestUdpCommand implements Callable<Integer> {
  enum WordOrder { little, big }

  @Spec CommandSpec spec;

  @Option(names = "--port", required = true, description = "UDP port to receive on.")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Local address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces).")
  String bind;

  @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(names = "--topic", required = true, description = "Topic to publish EventPackets to (must exist).")
  String topic;

  @Option(names = "--stream-id", required = true, description = "Stream id: the packets' streamId and Kafka key.")
  String streamId;

  @Option(names = "--width", required = true, description = "Sensor width in pixels (events with x >= width are rejected).")
  int width;

  @Option(names = "--height", required = true, description = "Sensor height in pixels (events with y >= height are rejected).")
  int height;

  @Option(names = "--byte-order", defaultValue = "little", description = "Byte order of the words: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  WordOrder byteOrder;

  @Option(names = "--slice-us", defaultValue = "10000", description = "Time span of one EventPacket in us (default: ${DEFAULT-VALUE}).")
  long sliceUs;

  @Option(names = "--idle-ms", defaultValue = "5000", description = "End the stream (send an endOfStream packet) after this long without datagrams (default: ${DEFAULT-VALUE}).")
  long idleMs;

  @Option(names = "--queue-capacity", defaultValue = "4096", description = "Datagrams buffered between socket and Kafka producer; beyond it datagrams are dropped and counted (default: ${DEFAULT-VALUE}).")
  int queueCapacity;

  @Option(names = "--max-packet-events", defaultValue = "32768", description = "Close a packet early at this many events, bounding the Kafka record size (default: ${DEFAULT-VALUE}).")
  int maxPacketEvents;

  @Option(names = "--receive-buffer-bytes", defaultValue = "16777216", description = "SO_RCVBUF to request; the kernel may cap it (Linux: net.core.rmem_max) (default: ${DEFAULT-VALUE}).")
  int receiveBufferBytes;

  @Option(names = "--status-interval-ms", defaultValue = "1000", description = "How often to print a status line (default: ${DEFAULT-VALUE}).")
  long statusIntervalMs;

  @Option(names = "--producer-config", paramLabel = "FILE", description = "Kafka producer properties (security, tuning) overriding the defaults.")
  Path producerConfig;

  @Option(names = "--connect-timeout-ms", defaultValue = "15000", description = "How long to wait for Kafka at start before giving up (default: ${DEFAULT-VALUE}).")
  int connectTimeoutMs;

  @Option(names = "--filter", paramLabel = "SPEC",
      description = "Filter every event before it is packetised, in the order given (repeatable): "
          + StreamTransforms.FILTER_KINDS + ". Removed events are counted in the status line as filtered out.")
  List<String> filters = new ArrayList<>();

  @Option(names = "--exit-after-stream", description = "Exit once the first stream has ended (idle), instead of waiting for the next one.")
  boolean exitAfterStream;

  private boolean stopped;

  @Override
  public Integer call() throws Exception {
    UdpIngestConfig config = UdpIngestConfig.builder()
        .bind(bind, port)
        .streamId(streamId)
        .sensor(width, height)
        .byteOrder(byteOrder == WordOrder.big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
        .sliceUs(sliceUs)
        .idleMs(idleMs)
        .queueCapacity(queueCapacity)
        .maxPacketEvents(maxPacketEvents)
        .receiveBufferBytes(receiveBufferBytes)
        .statusIntervalMs(statusIntervalMs)
        .filters(StreamTransforms.parse(List.of(), filters, 0))
        .build();
    Properties producerSettings =
        producerConfig == null ? new Properties() : EventPacketPublisher.settingsFrom(producerConfig);
    requireTopic(producerSettings);

    PrintWriter err = spec.commandLine().getErr();
    IngestMetrics metrics = new IngestMetrics();
    KafkaPacketSink sink = new KafkaPacketSink(bootstrap, topic, producerSettings, metrics);
    UdpIngest ingest;
    try {
      ingest = UdpIngest.start(config, sink, metrics, line -> {
        err.println("sne ingest udp: " + line);
        err.flush();
      });
    } catch (IOException e) {
      sink.close();
      throw e;
    }
    err.printf("sne ingest udp: receiving on %s (SO_RCVBUF %d bytes), publishing stream '%s' to %s/%s%n",
        ingest.localAddress(), ingest.receiveBufferBytes(), streamId, bootstrap, topic);
    if (ingest.receiveBufferBytes() < receiveBufferBytes) {
      err.printf("sne ingest udp: warning: the kernel granted a %d-byte receive buffer of the %d asked for;"
          + " bursts may overflow it (raise net.core.rmem_max)%n", ingest.receiveBufferBytes(), receiveBufferBytes);
    }
    err.flush();
    Thread stopOnInterrupt = new Thread(() -> stop(ingest, sink), "sne-ingest-shutdown");
    Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
    while (ingest.isReceiving()) {
      if (ingest.awaitStreamEnd(Duration.ofSeconds(1)) && exitAfterStream) {
        break;
      }
    }
    stop(ingest, sink);
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
    } catch (IllegalStateException shuttingDown) {
      return 130; // interrupted (Ctrl-C): the hook has already stopped the ingest
    }
    if (ingest.failure() != null) {
      throw new IOException("receiving on " + ingest.localAddress() + " failed: " + ingest.failure().getMessage(),
          ingest.failure());
    }
    return 0;
  }

  /** Runs once, from the main thread or the Ctrl-C shutdown hook, whichever comes first. */
  private synchronized void stop(UdpIngest ingest, KafkaPacketSink sink) {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      ingest.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sink.close();
    }
  }

  /** Fails fast with a clear message instead of blocking every send on a missing broker or topic. */
  private void requireTopic(Properties producerSettings) throws IOException, InterruptedException {
    Properties adminSettings = new Properties();
    adminSettings.putAll(producerSettings);
    adminSettings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    Admin admin = Admin.create(adminSettings);
    try {
      if (!admin.listTopics(new ListTopicsOptions().timeoutMs(connectTimeoutMs)).names()
          .get(connectTimeoutMs, TimeUnit.MILLISECONDS).contains(topic)) {
        throw new IllegalArgumentException("topic '" + topic + "' does not exist on " + bootstrap + "; create it first");
      }
    } catch (TimeoutException | ExecutionException e) {
      throw new IOException("cannot reach Kafka at " + bootstrap + " within " + connectTimeoutMs + " ms: "
          + e.getMessage(), e);
    } finally {
      admin.close(Duration.ZERO); // nothing left worth waiting for
    }
  }
}
