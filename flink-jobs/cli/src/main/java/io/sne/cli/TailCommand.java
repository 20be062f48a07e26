package io.sne.cli;

import io.sne.job.JobSettings;
import io.sne.schemas.Classification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sne tail}: a read_committed consumer that prints Classifications as a live table. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Print the Classifications arriving on a topic as a live table (read_committed: only results the job committed).")
final class TailCommand implements Callable<Integer> {
  @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(names = "--topic", defaultValue = JobSettings.DEFAULT_OUTPUT_TOPIC, description = "Topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--kafka-properties", paramLabel = "FILE", description = "Consumer settings (SASL/SSL, ...) as a properties file.")
  Path kafkaProperties;

  @Option(names = "--from-beginning", description = "Start at the topic's first record instead of new ones only.")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", defaultValue = "0", description = "Stop after N classifications (0: run until interrupted).")
  long max;

  @Option(names = "--idle-exit-seconds", paramLabel = "S", defaultValue = "0",
      description = "Stop when nothing arrived for S seconds (0: never).")
  long idleExitSeconds;

  @Override
  public Integer call() throws Exception {
    if (max < 0 || idleExitSeconds < 0) {
      throw new IllegalArgumentException("--max and --idle-exit-seconds must be >= 0");
    }
    var client = JobSettings.kafkaProperties(kafkaProperties == null ? null : kafkaProperties.toString());
    ClassificationTable table = new ClassificationTable(System.out, List.of());
    table.header();
    long shown = 0;
    long lastArrival = System.nanoTime();
    try (ClassificationConsumer consumer = new ClassificationConsumer(bootstrap, topic, client, fromBeginning)) {
      while (max == 0 || shown < max) {
        List<Classification> batch = consumer.poll(Duration.ofMillis(250));
        for (Classification c : batch) {
          if (max > 0 && shown >= max) {
            break;
          }
          table.row(c);
          shown++;
        }
        if (!batch.isEmpty()) {
          lastArrival = System.nanoTime();
        } else if (idleExitSeconds > 0 && System.nanoTime() - lastArrival > Duration.ofSeconds(idleExitSeconds).toNanos()) {
          break;
        }
      }
      if (consumer.undecodable() > 0) {
        System.err.println("sne tail: " + consumer.undecodable() + " records on " + topic + " were not Classifications");
      }
    }
    return 0;
  }
}
