package io.sne.cli;

import io.sne.events.transform.StreamTransforms;
import io.sne.ingest.EventPacketPublisher;
import io.sne.ingest.replay.Replayer;
import io.sne.ingest.replay.StreamPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sne replay}: recordings -> Avro EventPackets on a Kafka topic, paced in event time. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Publish recordings to Kafka as Avro EventPackets keyed by stream id, one packet per time slice, paced in "
            + "event time (times --speed) or as fast as possible.",
        "A file is one stream (id = file name). A folder with labels.csv (from sne emulate) is one stream whose "
            + "recordings follow each other every --period-us, each packet carrying its recording's label. "
            + "--stream-id joins all inputs into one stream."})
final class ReplayCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Recordings or folders of recordings.")
  List<Path> inputs;

  @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(names = "--topic", required = true, description = "Topic to publish to.")
  String topic;

  static final class Pace {
    @Option(names = "--speed", description = "Event time / wall time (default 1: real time).")
    double speed = 1.0;

    @Option(names = "--as-fast-as-possible", description = "No pacing.")
    boolean asFastAsPossible;
  }

  @ArgGroup(exclusive = true)
  Pace pace = new Pace();

  @Option(names = "--loop", description = "Replay again and again until stopped (stream time keeps increasing).")
  boolean loop;

  @Option(names = "--stream-id", description = "Send all inputs as one stream with this id.")
  String streamId;

  @Option(names = "--slice-us", defaultValue = "10000", description = "Packet time slice in µs (default: ${DEFAULT-VALUE}).")
  long sliceUs;

  @Option(names = "--period-us", defaultValue = "300000",
      description = "Labelled folders: a recording starts every this many µs (default: ${DEFAULT-VALUE}, the emulator's sample length).")
  long periodUs;

  @Option(names = "--kafka-config", paramLabel = "FILE", description = "Producer settings (security, tuning) as a properties file.")
  Path kafkaConfig;

  @Mixin
  StreamTransformOptions transformOptions;

  @Override
  public Integer call() throws Exception {
    if (!pace.asFastAsPossible && pace.speed <= 0) {
      throw new IllegalArgumentException("--speed must be > 0 (or use --as-fast-as-possible), got " + pace.speed);
    }
    if (sliceUs <= 0 || periodUs <= 0) {
      throw new IllegalArgumentException("--slice-us and --period-us must be > 0");
    }
    StreamTransforms transforms = transformOptions.parse();
    List<StreamPlan> plans = StreamPlan.of(inputs, streamId, periodUs);
    Properties settings = kafkaConfig == null ? new Properties() : EventPacketPublisher.settingsFrom(kafkaConfig);
    Replayer.Options options = new Replayer.Options(sliceUs, pace.asFastAsPossible ? 0 : pace.speed,
        loop ? Long.MAX_VALUE : 1, true);
    Replayer.Result result;
    try (EventPacketPublisher publisher = new EventPacketPublisher(bootstrap, topic, settings,
        EventPacketPublisher.SendListener.NONE)) {
      result = Replayer.run(plans, options, transforms, publisher);
    }
    if (!transforms.isEmpty()) {
      System.out.println("transforms: " + transforms.describe());
    }
    System.out.println(result.summary());
    return 0;
  }
}
