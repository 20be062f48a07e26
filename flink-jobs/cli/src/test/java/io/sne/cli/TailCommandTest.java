package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.kafka.EmbeddedKafka;
import io.sne.schemas.Classification;
import io.sne.schemas.EnergyCounters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sne tail} against the embedded broker: committed Classifications print as rows, aborted ones never. */
@Timeout(120)
class TailCommandTest {
  @Test
  void printsCommittedClassificationsAndSkipsAbortedOnes() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("results", 1);
      Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tail-test");
      try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(record(classification("aborted-stream", 9, 1, 1)));
        producer.flush();
        producer.abortTransaction();
        producer.beginTransaction();
        producer.send(record(classification("cam-1", 0, 3, 3)));
        producer.send(record(classification("cam-2", 7, 2, null)));
        producer.send(new ProducerRecord<>("results", "x".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8)));
        producer.commitTransaction();
      }

      String out = run("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "results", "--from-beginning",
          "--idle-exit-seconds", "5");
      List<String> lines = out.lines().toList();
      assertThat(lines.get(0)).contains("stream", "window", "predicted", "true", "conf", "students", "energy nJ");
      assertThat(lines).hasSize(3);
      assertThat(lines.get(1)).contains("cam-1", "label-3", "+", "0.70", "0,2", "12.5", "80x less");
      assertThat(lines.get(2)).contains("cam-2", "7", "label-2", " - ");
      assertThat(out).doesNotContain("aborted-stream");
    }
  }

  private static ProducerRecord<byte[], byte[]> record(Classification c) throws Exception {
    ByteBuffer b = c.toByteBuffer();
    byte[] value = new byte[b.remaining()];
    b.get(value);
    return new ProducerRecord<>("results", c.getStreamId().getBytes(StandardCharsets.UTF_8), value);
  }

  private static Classification classification(String stream, long window, int predicted, Integer truth) {
    return Classification.newBuilder()
        .setStreamId(stream).setWindowIndex(window).setWindowStartUs(window * 300_000).setWindowEndUs((window + 1) * 300_000)
        .setPredictedClass(predicted).setPredictedLabel("label-" + predicted).setConfidence(0.7f)
        .setProbabilities(List.of(0.1f, 0.1f, 0.1f, 0.7f)).setTrueLabel(truth).setStudentsRun(List.of(0, 2))
        .setEnergy(EnergyCounters.newBuilder().setInputEvents(100).setSpikesPerStudent(List.of(5L, 6L)).setSynapticOps(1000)
            .setNeuronUpdates(500).setMacs(20).setEnergyPj(12_500).setTeacherEnergyPj(1_000_000).setEnergyRatio(80)
            .setDeviceProfile("horowitz45-fp32").build())
        .setModelId("m@0").build();
  }

  private static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(SneCli.commandLine().execute(args)).isZero();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
