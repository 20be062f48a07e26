package io.sne.job.kafka;

import io.sne.job.JobSettings;
import io.sne.job.input.DecodedRecord;
import io.sne.job.input.PacketDeserializer;
import io.sne.schemas.Classification;
import io.sne.schemas.DeadLetter;
import java.util.Properties;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The job's Kafka ends. Input is read {@code read_committed} (only what upstream transactions
 * committed); both outputs are written exactly-once through Kafka transactions that commit with
 * Flink checkpoints, so {@code read_committed} consumers see every result once.
 */
public final class KafkaConnectors {
  /** Longer than any checkpoint interval plus restart time, and within the broker's cap. */
  static final String TRANSACTION_TIMEOUT_MS = String.valueOf(15 * 60 * 1000);

  private KafkaConnectors() {}

  /**
   * Reads EventPackets from {@code topic}, resuming from the group's committed offsets (checkpointed
   * offsets win on restore) or from the earliest ones; {@code bounded} stops at the offsets that were
   * latest at start (tests, replays).
   */
  public static KafkaSource<DecodedRecord> source(String bootstrap, String topic, String groupId, Properties client,
      boolean bounded) {
    KafkaSourceBuilder<DecodedRecord> builder = KafkaSource.<DecodedRecord>builder()
        .setBootstrapServers(bootstrap)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new PacketDeserializer())
        .setProperties(client)
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /** The Classifications sink with the default transaction naming ({@link JobSettings#DEFAULT_TRANSACTION_NAMING}). */
  public static KafkaSink<Classification> classificationSink(String bootstrap, String topic, String transactionalIdPrefix,
      Properties client) {
    return classificationSink(bootstrap, topic, transactionalIdPrefix, client, JobSettings.DEFAULT_TRANSACTION_NAMING);
  }

  public static KafkaSink<Classification> classificationSink(String bootstrap, String topic, String transactionalIdPrefix,
      Properties client, TransactionNamingStrategy naming) {
    return exactlyOnce(bootstrap, transactionalIdPrefix + "-classifications", client, naming,
        new AvroRecordSerializer<>(topic, Classification.getClassSchema(), Classification::getStreamId));
  }

  /** The dead-letter sink with the default transaction naming ({@link JobSettings#DEFAULT_TRANSACTION_NAMING}). */
  public static KafkaSink<DeadLetter> deadLetterSink(String bootstrap, String topic, String transactionalIdPrefix,
      Properties client) {
    return deadLetterSink(bootstrap, topic, transactionalIdPrefix, client, JobSettings.DEFAULT_TRANSACTION_NAMING);
  }

  public static KafkaSink<DeadLetter> deadLetterSink(String bootstrap, String topic, String transactionalIdPrefix,
      Properties client, TransactionNamingStrategy naming) {
    return exactlyOnce(bootstrap, transactionalIdPrefix + "-dead-letters", client, naming,
        new AvroRecordSerializer<>(topic, DeadLetter.getClassSchema(), DeadLetter::getStreamId));
  }

  /**
   * Reads records as raw key/value bytes with the same consumer settings as {@link #source}
   * (read_committed, committed offsets else earliest): the identity job's input.
   */
  public static KafkaSource<Tuple2<byte[], byte[]>> rawSource(String bootstrap, String topic, String groupId,
      Properties client) {
    return KafkaSource.<Tuple2<byte[], byte[]>>builder()
        .setBootstrapServers(bootstrap)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new RawRecordSerialization.Deserializer())
        .setProperties(client)
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .build();
  }

  /** Writes raw key/value bytes exactly-once, with the same transactional settings as the job's sinks. */
  public static KafkaSink<Tuple2<byte[], byte[]>> rawSink(String bootstrap, String topic, String transactionalIdPrefix,
      Properties client, TransactionNamingStrategy naming) {
    return exactlyOnce(bootstrap, transactionalIdPrefix, client, naming, new RawRecordSerialization.Serializer(topic));
  }

  /**
   * A transactional sink. Its serializer names its topic ({@code KafkaDatasetFacetProvider}): the
   * POOLING naming needs it to find the sink's open transactions.
   */
  private static <T> KafkaSink<T> exactlyOnce(String bootstrap, String transactionalIdPrefix, Properties client,
      TransactionNamingStrategy naming, KafkaRecordSerializationSchema<T> serializer) {
    Properties producer = new Properties();
    producer.putAll(client);
    producer.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
    return KafkaSink.<T>builder()
        .setBootstrapServers(bootstrap)
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setTransactionNamingStrategy(naming)
        .build();
  }
}
