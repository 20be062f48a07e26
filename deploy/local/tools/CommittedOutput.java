import io.sne.schemas.Classification;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a read_committed consumer sees of an SNE classifications topic, for the fail-over suite.
 * Run as a single-file program on the job jar's classpath (it holds the Kafka client, Avro and the
 * generated Classification):
 *
 * <pre>
 *   java -cp sne-job.jar:slf4j-api.jar CommittedOutput.java BOOTSTRAP count TOPIC
 *   java -cp sne-job.jar:slf4j-api.jar CommittedOutput.java BOOTSTRAP await TOPIC QUIET_S TIMEOUT_S [MIN]
 *   java -cp sne-job.jar:slf4j-api.jar CommittedOutput.java BOOTSTRAP compare REFERENCE_TOPIC CANDIDATE_TOPIC
 * </pre>
 *
 * A decision is identified by (streamId, windowIndex). processedAtMs is wall-clock time and is the
 * only field left out of the comparison; every other field, energy counters and probabilities
 * included, must be bit-identical.
 */
public final class CommittedOutput {

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: BOOTSTRAP count TOPIC | BOOTSTRAP await TOPIC QUIET_S TIMEOUT_S [MIN] | BOOTSTRAP compare REFERENCE CANDIDATE");
    }
    String bootstrap = args[0];
    switch (args[1]) {
      case "await" -> System.exit(await(bootstrap, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
          args.length > 5 ? Long.parseLong(args[5]) : 1));
      case "count" -> System.out.println(count(readAll(bootstrap, args[2])));
      case "compare" -> System.exit(compare(bootstrap, args[2], args[3]));
      default -> throw new IllegalArgumentException("unknown mode " + args[1]);
    }
  }

  /** Reads until at least MIN committed records arrived and then none for QUIET_S seconds. */
  static int await(String bootstrap, String topic, int quietS, int timeoutS, long min) {
    long start = System.nanoTime();
    long lastNewNs = start;
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, topic)) {
      while (true) {
        int n = consumer.poll(Duration.ofMillis(500)).count();
        long now = System.nanoTime();
        if (n > 0) {
          count += n;
          lastNewNs = now;
        }
        if (count >= min && now - lastNewNs >= quietS * 1_000_000_000L) {
          System.out.println(count);
          return 0;
        }
        if (now - start >= timeoutS * 1_000_000_000L) {
          System.out.println(count);
          System.err.printf("%s: %d committed records after %d s (wanted >= %d, then %d s quiet)%n", topic, count, timeoutS, min, quietS);
          return 1;
        }
      }
    }
  }

  static int compare(String bootstrap, String referenceTopic, String candidateTopic) {
    Map<String, List<ByteBuffer>> reference = readAll(bootstrap, referenceTopic);
    Map<String, List<ByteBuffer>> candidate = readAll(bootstrap, candidateTopic);
    long lost = 0, duplicated = 0, unexpected = 0, different = 0, referenceDuplicates = 0;
    List<String> examples = new ArrayList<>();
    for (var entry : reference.entrySet()) {
      referenceDuplicates += entry.getValue().size() - 1;
      List<ByteBuffer> got = candidate.get(entry.getKey());
      if (got == null) {
        lost++;
        note(examples, "lost " + entry.getKey());
        continue;
      }
      duplicated += got.size() - 1;
      if (got.size() > 1) {
        note(examples, "duplicated x" + got.size() + " " + entry.getKey());
      }
      for (ByteBuffer value : got) {
        if (!value.equals(entry.getValue().get(0))) {
          different++;
          note(examples, "different " + entry.getKey());
          break;
        }
      }
    }
    for (var entry : candidate.entrySet()) {
      if (!reference.containsKey(entry.getKey())) {
        unexpected++;
        duplicated += entry.getValue().size() - 1;
        note(examples, "not in reference " + entry.getKey());
      }
    }
    examples.forEach(e -> System.err.println("  " + e));
    boolean identical = different == 0 && unexpected == 0;
    System.out.printf("reference=%d candidate=%d streams=%d lost=%d duplicated=%d different=%d unexpected=%d reference_duplicates=%d identical=%b%n",
        count(reference), count(candidate), streams(reference), lost, duplicated, different, unexpected, referenceDuplicates, identical);
    return lost == 0 && duplicated == 0 && identical && referenceDuplicates == 0 && !reference.isEmpty() ? 0 : 1;
  }

  private static void note(List<String> examples, String what) {
    if (examples.size() < 10) {
      examples.add(what);
    }
  }

  private static long count(Map<String, List<ByteBuffer>> byKey) {
    return byKey.values().stream().mapToLong(List::size).sum();
  }

  private static long streams(Map<String, List<ByteBuffer>> byKey) {
    TreeSet<String> ids = new TreeSet<>();
    byKey.keySet().forEach(k -> ids.add(k.substring(0, k.lastIndexOf('#'))));
    return ids.size();
  }

  /** Every committed decision, keyed streamId#windowIndex, each as its encoding without processedAtMs. */
  static Map<String, List<ByteBuffer>> readAll(String bootstrap, String topic) {
    Map<String, List<ByteBuffer>> byKey = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, topic)) {
      // With read_committed, endOffsets is the last stable offset: everything before it is decided.
      Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          Classification c = decode(record, topic);
          c.setProcessedAtMs(0L);
          byKey.computeIfAbsent(c.getStreamId() + "#" + c.getWindowIndex(), k -> new ArrayList<>(1)).add(encode(c));
        }
      }
    }
    return byKey;
  }

  private static Classification decode(ConsumerRecord<byte[], byte[]> record, String topic) {
    try {
      return Classification.getDecoder().decode(record.value());
    } catch (Exception e) {
      throw new IllegalStateException(String.format("%s partition %d offset %d: not a Classification (%s)",
          topic, record.partition(), record.offset(), e.getMessage()), e);
    }
  }

  private static ByteBuffer encode(Classification c) {
    try {
      return c.toByteBuffer();
    } catch (Exception e) {
      throw new IllegalStateException("cannot re-encode " + c.getStreamId() + "#" + c.getWindowIndex(), e);
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }
}
