package io.sne.ingest.udp;

import io.sne.kafka.EmbeddedKafka;
import java.util.Properties;

/** Where the benchmark's packets go: encoded and discarded, or published to an embedded Kafka broker. */
final class BenchSinks {
  private static final String TOPIC = "bench.events";

  private BenchSinks() {}

  interface Factory extends AutoCloseable {
    String name();

    PacketSink create(IngestMetrics metrics);

    @Override
    void close() throws Exception;
  }

  /** @param producerSettings Kafka producer overrides (sink=kafka only) */
  static Factory open(String kind, Properties producerSettings) throws Exception {
    if (kind.equals("none")) {
      return new Factory() {
        @Override
        public String name() {
          return "none (packets encoded, then discarded)";
        }

        @Override
        public PacketSink create(IngestMetrics metrics) {
          return new DiscardingSink(metrics);
        }

        @Override
        public void close() {}
      };
    }
    if (kind.equals("kafka")) {
      EmbeddedKafka kafka = EmbeddedKafka.start();
      kafka.createTopic(TOPIC, 1);
      return new Factory() {
        @Override
        public String name() {
          return "kafka (embedded broker in this JVM, acks=all" + (producerSettings.isEmpty() ? "" : ", " + producerSettings) + ")";
        }

        @Override
        public PacketSink create(IngestMetrics metrics) {
          return new KafkaPacketSink(kafka.bootstrapServers(), TOPIC, producerSettings, metrics);
        }

        @Override
        public void close() {
          kafka.close();
        }
      };
    }
    throw new IllegalArgumentException("sink must be none or kafka, got " + kind);
  }
}
