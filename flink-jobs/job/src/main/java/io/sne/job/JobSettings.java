package io.sne.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;

/**
 * Everything the job needs to run, from {@code --name value} arguments (what {@code sne run}
 * passes, and what a Flink cluster's "program arguments" hold). Kafka client settings, SASL/SSL
 * included, come from a properties file, never from code.
 */
public record JobSettings(
    String bootstrapServers,
    Path modelPath,
    Properties kafkaClient,
    String inputTopic,
    String outputTopic,
    String deadLetterTopic,
    String groupId,
    String transactionalIdPrefix,
    long checkpointIntervalMs,
    long outOfOrdernessUs,
    long sourceIdlenessMs,
    long streamIdleTimeoutMs,
    int parallelism,
    long bufferTimeoutMs,
    TransactionNamingStrategy transactionNaming) {

  public static final String DEFAULT_INPUT_TOPIC = "sne.events";
  public static final String DEFAULT_OUTPUT_TOPIC = "sne.classifications";
  public static final String DEFAULT_DEAD_LETTER_TOPIC = "sne.dead-letters";
  /**
   * Flink ships records between tasks when a network buffer fills or this much time has passed
   * (Flink's own default: 100 ms). A packet stream fills buffers slowly; 100 ms would be most of the latency.
   */
  public static final long DEFAULT_BUFFER_TIMEOUT_MS = 5;
  /**
   * How the exactly-once sinks name their Kafka transactions: the connector's default, INCREMENTING,
   * takes a new transactional id at every checkpoint for each sink subtask, and the broker keeps
   * each id's metadata for {@code transactional.id.expiration.ms} (7 days): at a 2 s interval,
   * 302,400 ids per sink subtask. POOLING reuses a few ids per subtask instead, but needs Kafka 3.0+
   * (it lists the open transactions on the sink's topics to abort them), read access to those
   * topics, and the topics to exist when the job starts (the sink fails at start otherwise).
   */
  public static final TransactionNamingStrategy DEFAULT_TRANSACTION_NAMING = TransactionNamingStrategy.INCREMENTING;

  /** Flags and their defaults, in the order usage lists them. */
  static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("bootstrap", null);
    d.put("model", null);
    d.put("kafka-properties", "");
    d.put("input-topic", DEFAULT_INPUT_TOPIC);
    d.put("output-topic", DEFAULT_OUTPUT_TOPIC);
    d.put("dead-letter-topic", DEFAULT_DEAD_LETTER_TOPIC);
    d.put("group-id", "sne-job");
    d.put("transactional-id-prefix", "sne-job");
    d.put("checkpoint-interval-ms", "2000");
    d.put("out-of-orderness-us", "50000");
    d.put("source-idleness-ms", "2000");
    d.put("stream-idle-timeout-ms", "30000");
    d.put("parallelism", "0");
    d.put("buffer-timeout-ms", String.valueOf(DEFAULT_BUFFER_TIMEOUT_MS));
    d.put("transaction-naming", DEFAULT_TRANSACTION_NAMING.name().toLowerCase(Locale.ROOT));
    return d;
  }

  public SneWorkflow.Timing timing() {
    return new SneWorkflow.Timing(outOfOrdernessUs, Duration.ofMillis(sourceIdlenessMs), streamIdleTimeoutMs);
  }

  /** Parses {@code --name value} pairs; unknown or missing required flags are errors naming the flag. */
  public static JobSettings fromArgs(String[] args) throws IOException {
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (!flag.startsWith("--") || !DEFAULTS.containsKey(flag.substring(2))) {
        throw new IllegalArgumentException("unknown argument '" + flag + "'; expected one of " + usage());
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      v.put(flag.substring(2), args[++i]);
    }
    for (String required : new String[] {"bootstrap", "model"}) {
      if (v.get(required) == null || v.get(required).isBlank()) {
        throw new IllegalArgumentException("--" + required + " is required; usage: " + usage());
      }
    }
    return new JobSettings(v.get("bootstrap"), Path.of(v.get("model")), kafkaProperties(v.get("kafka-properties")),
        v.get("input-topic"), v.get("output-topic"), v.get("dead-letter-topic"), v.get("group-id"),
        v.get("transactional-id-prefix"), positive(v, "checkpoint-interval-ms"), nonNegative(v, "out-of-orderness-us"),
        nonNegative(v, "source-idleness-ms"), positive(v, "stream-idle-timeout-ms"),
        (int) nonNegative(v, "parallelism"), nonNegative(v, "buffer-timeout-ms"),
        transactionNaming(v.get("transaction-naming")));
  }

  /** {@code pooling} or {@code incrementing}, any case. */
  public static TransactionNamingStrategy transactionNaming(String name) {
    for (TransactionNamingStrategy t : new TransactionNamingStrategy[] {TransactionNamingStrategy.POOLING,
        TransactionNamingStrategy.INCREMENTING}) {
      if (t.name().equalsIgnoreCase(name.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException("--transaction-naming must be pooling or incrementing, got '" + name + "'");
  }

  /** Reads a Kafka client properties file (security settings and the like); empty path = none. */
  public static Properties kafkaProperties(String file) throws IOException {
    Properties p = new Properties();
    if (file == null || file.isBlank()) {
      return p;
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("--kafka-properties " + file + ": no such file");
    }
    try (Reader r = Files.newBufferedReader(path)) {
      p.load(r);
    }
    return p;
  }

  static String usage() {
    StringBuilder s = new StringBuilder();
    DEFAULTS.forEach((k, d) -> s.append("--").append(k).append(d == null ? " (required)" : d.isEmpty() ? "" : " [" + d + "]").append(' '));
    return s.toString().trim();
  }

  private static long positive(Map<String, String> v, String flag) {
    long x = number(v, flag);
    if (x <= 0) {
      throw new IllegalArgumentException("--" + flag + " must be > 0, got " + x);
    }
    return x;
  }

  private static long nonNegative(Map<String, String> v, String flag) {
    long x = number(v, flag);
    if (x < 0) {
      throw new IllegalArgumentException("--" + flag + " must be >= 0, got " + x);
    }
    return x;
  }

  private static long number(Map<String, String> v, String flag) {
    try {
      return Long.parseLong(v.get(flag).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + flag + " must be a whole number, got '" + v.get(flag) + "'");
    }
  }
}
