package io.sne.job.input;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for the job. Flink timestamps here are <b>microseconds of the stream clock</b> (the
 * packets' own unit; a step is tens of ms and ms would be too coarse). A packet's timestamp is its
 * last event's; the watermark trails the largest one seen by {@code outOfOrdernessUs}, so packets
 * of different streams sharing a partition may be that far apart. Rejected records carry no time.
 * A partition with no records for {@code idleness} (wall clock) stops holding the watermark back.
 */
public final class PacketWatermarks {
  private PacketWatermarks() {}

  public static WatermarkStrategy<DecodedRecord> strategy(long outOfOrdernessUs, Duration idleness) {
    if (outOfOrdernessUs < 0) {
      throw new IllegalArgumentException("out-of-orderness must be >= 0 us, got " + outOfOrdernessUs);
    }
    WatermarkStrategy<DecodedRecord> strategy = WatermarkStrategy
        .<DecodedRecord>forGenerator(context -> new BoundedOutOfOrderness(outOfOrdernessUs))
        .withTimestampAssigner((record, kafkaTimestamp) -> eventTimeUs(record));
    return idleness.isZero() ? strategy : strategy.withIdleness(idleness);
  }

  static long eventTimeUs(DecodedRecord record) {
    return record.isAccepted() ? record.packet.lastTimestampUs() : Long.MIN_VALUE;
  }

  /** Like Flink's BoundedOutOfOrdernessWatermarks, but the bound is in microseconds, not a Duration in ms. */
  static final class BoundedOutOfOrderness implements WatermarkGenerator<DecodedRecord> {
    private final long boundUs;
    private long maxTimestampUs;

    BoundedOutOfOrderness(long boundUs) {
      this.boundUs = boundUs;
      this.maxTimestampUs = Long.MIN_VALUE + boundUs + 1;
    }

    @Override
    public void onEvent(DecodedRecord record, long timestampUs, WatermarkOutput output) {
      maxTimestampUs = Math.max(maxTimestampUs, timestampUs);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.emitWatermark(new Watermark(maxTimestampUs - boundUs - 1));
    }
  }
}
