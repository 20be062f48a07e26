package io.sne.job.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a generated Avro record as a Kafka record: value in Avro single-object encoding (readers
 * find the writer schema by its fingerprint), key = the stream id (UTF-8) so one stream's
 * records stay in order in one partition.
 */
final class AvroRecordSerializer<T> implements KafkaRecordSerializationSchema<T>, KafkaDatasetFacetProvider {
  /** A serialisable getter of the record's stream id (null: no key). */
  interface StreamIdOf<T> extends Function {
    String apply(T record);
  }

  private final String topic;
  private final String schemaJson;
  private final StreamIdOf<T> streamIdOf;
  private transient BinaryMessageEncoder<T> encoder;

  AvroRecordSerializer(String topic, Schema schema, StreamIdOf<T> streamIdOf) {
    this.topic = topic;
    this.schemaJson = schema.toString();
    this.streamIdOf = streamIdOf;
  }

  /** The topic it writes: lineage, and what the sink's POOLING transaction naming needs to find open transactions. */
  @Override
  public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
    if (encoder == null) {
      encoder = new BinaryMessageEncoder<>(SpecificData.get(), new Schema.Parser().parse(schemaJson));
    }
    String streamId = streamIdOf.apply(record);
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] value = new byte[buffer.remaining()];
      buffer.get(value);
      return new ProducerRecord<>(topic, streamId == null ? null : streamId.getBytes(StandardCharsets.UTF_8), value);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName() + " for topic " + topic, e);
    }
  }
}
