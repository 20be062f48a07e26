package io.sne.job.input;

import io.sne.schemas.DeadLetter;
import io.sne.schemas.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends usable packets on and rejected records to the {@link #DEAD_LETTERS} side output, counting
 * both (metrics {@code packetsIn}, {@code packetsRejected.<reason>}).
 */
public final class RejectionRouter extends ProcessFunction<DecodedRecord, StreamPacket> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

  private transient Counter packetsIn;
  private transient Map<RejectReason, Counter> rejected;

  @Override
  public void open(OpenContext context) {
    MetricGroup metrics = getRuntimeContext().getMetricGroup();
    packetsIn = metrics.counter("packetsIn");
    rejected = rejectionCounters(metrics);
  }

  /** One counter per reason under {@code packetsRejected}, registered up front so dashboards see zeros. */
  public static Map<RejectReason, Counter> rejectionCounters(MetricGroup metrics) {
    MetricGroup group = metrics.addGroup("packetsRejected");
    Map<RejectReason, Counter> counters = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      counters.put(reason, group.counter(reason.name()));
    }
    return counters;
  }

  @Override
  public void processElement(DecodedRecord record, Context ctx, Collector<StreamPacket> out) {
    packetsIn.inc();
    if (record.isAccepted()) {
      out.collect(record.packet);
    } else {
      rejected.get(record.deadLetter.getReason()).inc();
      ctx.output(DEAD_LETTERS, record.deadLetter);
    }
  }
}
