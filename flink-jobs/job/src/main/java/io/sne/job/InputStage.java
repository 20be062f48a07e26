package io.sne.job;

import io.sne.job.input.DecodedRecord;
import io.sne.job.input.PacketWatermarks;
import io.sne.job.input.RejectionRouter;
import io.sne.job.input.StreamPacket;
import io.sne.schemas.DeadLetter;
import java.time.Duration;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's first stage: read records, decode and validate them, stamp event time and watermarks
 * per source partition. Usable packets and dead letters come out as two streams.
 */
public record InputStage(DataStream<StreamPacket> packets, DataStream<DeadLetter> deadLetters) {

  public static InputStage define(StreamExecutionEnvironment env, Source<DecodedRecord, ?, ?> source,
      long outOfOrdernessUs, Duration idleness) {
    DataStream<DecodedRecord> records = env
        .fromSource(source, PacketWatermarks.strategy(outOfOrdernessUs, idleness), "event-packets")
        .uid("event-packets-source");
    SingleOutputStreamOperator<StreamPacket> packets = records
        .process(new RejectionRouter())
        .name("decode-and-validate")
        .uid("decode-and-validate");
    return new InputStage(packets, packets.getSideOutput(RejectionRouter.DEAD_LETTERS));
  }
}
