package io.sne.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka 4.2 KRaft broker (combined broker + controller) running inside this JVM, on
 * loopback with ephemeral ports and a temporary data directory. For tests and {@code sne demo}.
 *
 * <p>Every internal topic (consumer offsets, transaction state, share-group state) is configured
 * with replication factor 1 and min ISR 1: with the defaults (3) a single broker can never create
 * them, and consumer groups and transactions hang instead of failing.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *   kafka.createTopic("events", 4);
 *   ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final int START_ATTEMPTS = 3;
  private static final long ADMIN_TIMEOUT_S = 30;

  private final Path dataDir;
  private final int brokerPort;
  private final KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafka(Path dataDir, int brokerPort, KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.server = server;
  }

  /** Starts a broker with default settings and waits until it accepts admin requests. */
  public static EmbeddedKafka start() {
    return start(Map.of());
  }

  /**
   * Starts a broker; {@code overrides} are extra broker settings applied last (e.g. {@code
   * log.retention.ms}). Ports are chosen free just before binding; a lost race is retried.
   */
  public static EmbeddedKafka start(Map<String, String> overrides) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      Path dir = createDataDir();
      try {
        EmbeddedKafka kafka = startIn(dir, freePort(), freePort(), overrides);
        kafka.awaitReady();
        return kafka;
      } catch (RuntimeException e) {
        deleteRecursively(dir);
        last = e;
      }
    }
    throw new IllegalStateException("embedded Kafka broker did not start after " + START_ATTEMPTS + " attempts", last);
  }

  private static EmbeddedKafka startIn(Path dir, int brokerPort, int controllerPort, Map<String, String> overrides) {
    Properties props = brokerProperties(dir.resolve("logs"), brokerPort, controllerPort);
    props.putAll(overrides);
    formatStorage(dir, props);
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    EmbeddedKafka kafka = new EmbeddedKafka(dir, brokerPort, server);
    try {
      server.startup();
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    return kafka;
  }

  static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    // One broker: every internal topic at replication 1 / min ISR 1, few partitions (fast creation).
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    // Consumers in tests and the demo join alone: no reason to wait for more members.
    p.put("group.initial.rebalance.delay.ms", "0");
    // Flink's KafkaSink defaults to 1 h transactions; the broker's default cap is 15 min.
    p.put("transaction.max.timeout.ms", String.valueOf(TimeUnit.HOURS.toMillis(2)));
    // Small footprint on a shared machine.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    return p;
  }

  private static void formatStorage(Path dir, Properties props) {
    Path config = dir.resolve("server.properties");
    try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      props.store(w, "embedded SNE broker");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()};
    int rc = StorageTool.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8));
    if (rc != 0) {
      throw new IllegalStateException("formatting Kafka storage in " + dir + " failed: " + out.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitReady() {
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("embedded Kafka broker on " + bootstrapServers() + " did not become ready", e);
    }
  }

  /** {@code host:port} of the broker's client listener. */
  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  /** A new admin client for this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(ADMIN_TIMEOUT_S)));
  }

  /** Creates a topic (replication 1) and waits until it exists; an existing topic is kept. */
  public void createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name + " with " + partitions + " partitions", e.getCause());
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + name + " with " + partitions + " partitions", e);
    }
  }

  /** The broker's temporary data directory (deleted on close). */
  public Path dataDir() {
    return dataDir;
  }

  /** Stops the broker, waits for it to finish, and deletes its data directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      deleteRecursively(dataDir);
    }
  }

  private static Path createDataDir() {
    try {
      return Files.createTempDirectory("sne-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the embedded broker", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete embedded broker data " + dir, e);
    }
  }
}
