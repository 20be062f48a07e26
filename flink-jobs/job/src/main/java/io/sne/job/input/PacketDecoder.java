package io.sne.job.input;

import io.sne.schemas.DeadLetter;
import io.sne.schemas.EventPacket;
import io.sne.schemas.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;

/**
 * Decodes one Kafka record's value as an Avro single-object-encoded {@link EventPacket} and
 * validates it: packets in the current schema straight into columns ({@link PacketColumnsReader}),
 * anything else through Avro's reader (older schemas, and the errors it names). Never throws for bad input: the result is a packet or a dead letter naming the
 * topic/partition/offset and what was wrong.
 */
public final class PacketDecoder {
  private final BinaryMessageDecoder<EventPacket> decoder;

  /**
   * Earlier released EventPacket schemas, oldest first: producers not yet upgraded keep working
   * (fields added since read as their defaults). A release that changes the schema adds its
   * predecessor here.
   */
  static final String[] RELEASED_SCHEMAS = {"EventPacket-1.avsc"};

  /** Knows the current EventPacket schema and the released ones; other writer fingerprints are UNKNOWN_SCHEMA. */
  public PacketDecoder() {
    this(releasedSchemas());
  }

  static SchemaStore.Cache releasedSchemas() {
    SchemaStore.Cache store = new SchemaStore.Cache();
    for (String name : RELEASED_SCHEMAS) {
      try (InputStream in = PacketDecoder.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("released schema " + name + " is missing from the job jar");
        }
        store.addSchema(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the released schema " + name, e);
      }
    }
    return store;
  }

  /** Also decodes packets written with the schemas in {@code olderSchemas} (schema evolution). */
  public PacketDecoder(SchemaStore olderSchemas) {
    this.decoder = EventPacket.createDecoder(olderSchemas);
  }

  public DecodedRecord decode(byte[] key, byte[] value, String topic, int partition, long offset, long nowMs) {
    String where = topic + "/" + partition + "@" + offset;
    if (value == null) {
      return reject(key, value, topic, partition, offset, null, nowMs, RejectReason.MALFORMED_BYTES,
          where + ": record has no value (tombstone); expected an EventPacket");
    }
    StreamPacket accepted = PacketColumnsReader.read(value);
    if (accepted == null) {
      EventPacket packet;
      try {
        packet = decoder.decode(ByteBuffer.wrap(value));
      } catch (MissingSchemaException e) {
        return reject(key, value, topic, partition, offset, null, nowMs, RejectReason.UNKNOWN_SCHEMA,
            where + ": written with an unknown schema (fingerprint not known to this job): " + e.getMessage());
      } catch (BadHeaderException e) {
        return reject(key, value, topic, partition, offset, null, nowMs, RejectReason.MALFORMED_BYTES,
            where + ": not Avro single-object encoding (" + value.length + " bytes, bad header): " + e.getMessage());
      } catch (IOException | RuntimeException e) {
        return reject(key, value, topic, partition, offset, null, nowMs, RejectReason.MALFORMED_BYTES,
            where + ": cannot decode " + value.length + " bytes as an EventPacket: " + e);
      }
      accepted = StreamPacket.of(packet);
    }
    Optional<Violation> violation = PacketValidator.check(accepted);
    if (violation.isPresent()) {
      return reject(key, value, topic, partition, offset, accepted.streamId, nowMs, violation.get().reason(),
          where + " stream '" + accepted.streamId + "' packet " + accepted.sequence + ": " + violation.get().message());
    }
    accepted.kafkaTopic = topic;
    accepted.kafkaPartition = partition;
    accepted.kafkaOffset = offset;
    return DecodedRecord.accepted(accepted);
  }

  private static DecodedRecord reject(byte[] key, byte[] value, String topic, int partition, long offset,
      String streamId, long nowMs, RejectReason reason, String message) {
    return DecodedRecord.rejected(DeadLetter.newBuilder()
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
        .setTopic(topic).setPartition(partition).setOffset(offset)
        .setReason(reason).setMessage(message).setStreamId(streamId).setRejectedAtMs(nowMs)
        .build());
  }
}
