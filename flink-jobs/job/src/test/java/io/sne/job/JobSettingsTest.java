package io.sne.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.junit.jupiter.api.Test;

/** The job jar's {@code --name value} arguments: defaults, parsing, and errors that name the flag. */
class JobSettingsTest {
  @Test
  void requiredFlagsAloneGiveTheDocumentedDefaults() throws Exception {
    JobSettings s = JobSettings.fromArgs(new String[] {"--bootstrap", "k:9092", "--model", "m.safetensors"});

    assertThat(s.bootstrapServers()).isEqualTo("k:9092");
    assertThat(s.modelPath()).isEqualTo(Path.of("m.safetensors"));
    assertThat(s.inputTopic()).isEqualTo(JobSettings.DEFAULT_INPUT_TOPIC);
    assertThat(s.checkpointIntervalMs()).isEqualTo(2000);
    assertThat(s.bufferTimeoutMs()).isEqualTo(JobSettings.DEFAULT_BUFFER_TIMEOUT_MS);
    assertThat(s.transactionNaming()).isEqualTo(TransactionNamingStrategy.INCREMENTING);
    assertThat(s.kafkaClient()).isEmpty();
  }

  @Test
  void transactionNamingIsChosenByNameInAnyCase() throws Exception {
    JobSettings s = JobSettings.fromArgs(new String[] {"--bootstrap", "k:9092", "--model", "m",
        "--transaction-naming", "Pooling", "--checkpoint-interval-ms", "250", "--parallelism", "3"});

    assertThat(s.transactionNaming()).isEqualTo(TransactionNamingStrategy.POOLING);
    assertThat(s.checkpointIntervalMs()).isEqualTo(250);
    assertThat(s.parallelism()).isEqualTo(3);
  }

  @Test
  void badArgumentsAreRefusedWithTheFlagNamed() {
    String[] base = {"--bootstrap", "k:9092", "--model", "m"};
    assertThatThrownBy(() -> JobSettings.fromArgs(concat(base, "--transaction-naming", "random")))
        .hasMessageContaining("--transaction-naming must be pooling or incrementing, got 'random'");
    assertThatThrownBy(() -> JobSettings.fromArgs(concat(base, "--checkpoint-interval-ms", "0")))
        .hasMessageContaining("--checkpoint-interval-ms must be > 0");
    assertThatThrownBy(() -> JobSettings.fromArgs(concat(base, "--parallelism", "two")))
        .hasMessageContaining("--parallelism must be a whole number, got 'two'");
    assertThatThrownBy(() -> JobSettings.fromArgs(concat(base, "--speed", "2")))
        .hasMessageContaining("unknown argument '--speed'").hasMessageContaining("--transaction-naming [incrementing]");
    assertThatThrownBy(() -> JobSettings.fromArgs(new String[] {"--bootstrap", "k:9092"}))
        .hasMessageContaining("--model is required");
    assertThatThrownBy(() -> JobSettings.fromArgs(concat(base, "--kafka-properties", "/no/such/file")))
        .hasMessageContaining("--kafka-properties /no/such/file: no such file");
  }

  private static String[] concat(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
