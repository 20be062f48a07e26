package io.sne.job;

import io.sne.job.input.DecodedRecord;
import io.sne.job.input.StreamPacket;
import io.sne.job.operator.ModelFile;
import io.sne.job.operator.SneOperator;
import io.sne.schemas.Classification;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's graph, with its source and sinks injected:
 * <pre>
 * source -> decode + validate --(bad)--> dead letters
 *        -> event-time watermarks -> keyBy(streamId) -> SNE operator --(late)--> dead letters
 *        -> classifications
 * </pre>
 * Every stateful operator has a fixed uid so savepoints survive changes to the graph around it.
 */
public final class SneWorkflow {
  private SneWorkflow() {}

  /** Tuning of the event-time handling; see {@link JobSettings} for what each means. */
  public record Timing(long outOfOrdernessUs, Duration sourceIdleness, long streamIdleTimeoutMs) {}

  public static void define(StreamExecutionEnvironment env, Source<DecodedRecord, ?, ?> source, ModelFile model,
      Timing timing, Sinks sinks) {
    InputStage input = InputStage.define(env, source, timing.outOfOrdernessUs(), timing.sourceIdleness());
    SingleOutputStreamOperator<Classification> classifications = input.packets()
        .keyBy(SneWorkflow::streamIdOf, Types.STRING)
        .process(new SneOperator(model, timing.streamIdleTimeoutMs()))
        .name("sne-ensemble")
        .uid("sne-ensemble");
    sinks.classifications().accept(classifications);
    sinks.deadLetters().accept(input.deadLetters().union(classifications.getSideOutput(SneOperator.LATE_EVENTS)));
  }

  /** The key of the keyed stream: a packet's stream id. */
  static String streamIdOf(StreamPacket packet) {
    return packet.streamId;
  }
}
