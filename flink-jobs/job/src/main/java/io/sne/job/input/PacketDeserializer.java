package io.sne.job.input;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka source deserializer: every record becomes one {@link DecodedRecord}, valid or not, so the
 * source never fails on bad bytes and per-partition watermarks can read the packets' event time.
 */
public final class PacketDeserializer implements KafkaRecordDeserializationSchema<DecodedRecord> {
  private transient PacketDecoder decoder;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DecodedRecord> out) {
    if (decoder == null) {
      decoder = new PacketDecoder();
    }
    out.collect(decoder.decode(record.key(), record.value(), record.topic(), record.partition(), record.offset(),
        System.currentTimeMillis()));
  }

  @Override
  public TypeInformation<DecodedRecord> getProducedType() {
    return TypeInformation.of(DecodedRecord.class);
  }
}
