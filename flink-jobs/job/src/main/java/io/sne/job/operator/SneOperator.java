package io.sne.job.operator;

import io.sne.job.input.StreamPacket;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.model.SneModel;
import io.sne.schemas.Classification;
import io.sne.schemas.DeadLetter;
import io.sne.schemas.RejectReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The SNE operator, keyed by stream id: it adapts the runtime's per-stream SNN to Flink state and
 * event time and holds no SNN maths itself. Per stream it keeps the window in progress (the
 * runtime's explicit state object), the events of steps not yet complete, and its progress in
 * event time. A step is complete when the watermark passes it (one event-time timer per stream,
 * at its next step) or, for a stream whose packets promise their slice ends ({@code sliceEndUs}:
 * no later event of the stream is below it), when its promise passes it: such a stream is closed by
 * its own packets only, as soon as they say so. {@link WindowStepper} then runs every completed step
 * and emits one Classification per window. A step runs only once all of its events are in, so
 * results do not depend on packetisation or arrival. Events falling into steps
 * already computed, or below the stream's promise, are late: they go to {@link #LATE_EVENTS} as a
 * dead letter. A stream idle for {@code idleTimeoutMs} of wall time, or one that sends its
 * end-of-stream packet, is flushed and evicted: no state or timer of it remains.
 */
public final class SneOperator extends KeyedProcessFunction<String, StreamPacket, Classification> {
  public static final OutputTag<DeadLetter> LATE_EVENTS = new OutputTag<>("late-events") {};
  /** Fires only on the final watermark (Long.MAX_VALUE), which a bounded source emits at its end. */
  private static final long END_OF_INPUT_US = Long.MAX_VALUE - 1;

  private final ModelFile modelFile;
  private final long idleTimeoutMs;

  private transient SneEnsemble ensemble;
  private transient WindowStepper stepper;
  private transient String modelId;
  private transient String modelVersion;
  private transient OperatorMetrics metrics;
  private transient ValueState<StreamProgress> progressState;
  private transient ValueState<LiveStreamState> windowState;
  private transient ListState<PendingEvents> pendingState;
  /**
   * Processing time at which this subtask first saw a record or timer after (re)starting. Idle
   * time counts from it too: after a restore that took longer than the idle timeout, the restored
   * idle timers would otherwise all fire at once and flush windows whose events are still coming.
   */
  private transient long liveSinceMs;

  public SneOperator(ModelFile modelFile, long idleTimeoutMs) {
    if (idleTimeoutMs <= 0) {
      throw new IllegalArgumentException("stream idle timeout must be > 0 ms, got " + idleTimeoutMs);
    }
    this.modelFile = modelFile;
    this.idleTimeoutMs = idleTimeoutMs;
  }

  /** Loads the model once per subtask; a bad model fails the task here, before any record is processed. */
  @Override
  public void open(OpenContext context) throws IOException {
    SneModel model = modelFile.load();
    ensemble = SneEnsemble.of(model);
    stepper = new WindowStepper(ensemble);
    modelId = Classifications.modelId(model);
    modelVersion = Classifications.modelVersion(model);
    metrics = new OperatorMetrics(getRuntimeContext().getMetricGroup());
    liveSinceMs = StreamProgress.NONE;
    progressState = getRuntimeContext().getState(new ValueStateDescriptor<>("progress", StreamProgress.class));
    windowState = getRuntimeContext().getState(new ValueStateDescriptor<>("window", LiveStreamStateSerializer.INSTANCE));
    pendingState = getRuntimeContext().getListState(
        new ListStateDescriptor<>("pending", TypeInformation.of(PendingEvents.class)));
  }

  @Override
  public void processElement(StreamPacket packet, Context ctx, Collector<Classification> out) throws Exception {
    TimerService timers = ctx.timerService();
    StreamProgress progress = progressState.value();
    if (progress == null) {
      progress = new StreamProgress();
    }
    progress.lastPacketMs = timers.currentProcessingTime();
    markLive(progress.lastPacketMs);
    int n = packet.size();
    long onTimeFromUs = Math.max(progress.computedUpToUs, progress.promisedUpToUs);
    int late = countLate(packet.timestampsUs, onTimeFromUs);
    if (late > 0) {
      ctx.output(LATE_EVENTS, lateEvents(packet, late, progress, onTimeFromUs));
    }
    if (late == 0 && n > 0) {
      // The packet came off the network, deserialised for this call alone: its columns can be kept as they are.
      pendingState.add(new PendingEvents(packet.timestampsUs, packet.xs, packet.ys, packet.polarities, packet.label));
    } else if (late < n) {
      pendingState.add(new PendingEvents(Arrays.copyOfRange(packet.timestampsUs, late, n),
          Arrays.copyOfRange(packet.xs, late, n), Arrays.copyOfRange(packet.ys, late, n),
          Arrays.copyOfRange(packet.polarities, late, n), packet.label));
    }
    metrics.packet(n - late, late, packet.lastTimestampUs(), timers.currentWatermark());
    if (packet.endOfStream) {
      flushAndEvict(ctx.getCurrentKey(), progress, timers, out);
      return;
    }
    if (progress.idleTimerMs == StreamProgress.NONE) {
      progress.idleTimerMs = progress.lastPacketMs + idleTimeoutMs;
      timers.registerProcessingTimeTimer(progress.idleTimerMs);
    }
    if (packet.sliceEndUs != null && packet.sliceEndUs > progress.promisedUpToUs) {
      progress.promisedUpToUs = packet.sliceEndUs;
      runPromisedSteps(ctx.getCurrentKey(), progress, out);
    }
    scheduleNextStep(progress, timers);
    progressState.update(progress);
  }

  /** Runs the steps the stream's promise completes (a step [s, s+dt) once the promise reaches s+dt), if any. */
  private void runPromisedSteps(String streamId, StreamProgress progress, Collector<Classification> out)
      throws Exception {
    long endUs = stepper.nextStepEndUs(progress, windowState.value(), pendingState.get());
    if (endUs != StreamProgress.NONE && endUs <= progress.promisedUpToUs) {
      runSteps(streamId, progress, progress.promisedUpToUs - 1, out);
    }
  }

  private void markLive(long nowMs) {
    if (liveSinceMs == StreamProgress.NONE) {
      liveSinceMs = nowMs;
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Classification> out) throws Exception {
    StreamProgress progress = progressState.value();
    TimerService timers = ctx.timerService();
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      progress.idleTimerMs = StreamProgress.NONE;
      long nowMs = timers.currentProcessingTime();
      markLive(nowMs);
      long idleSinceMs = Math.max(progress.lastPacketMs, liveSinceMs);
      if (idleSinceMs + idleTimeoutMs <= nowMs) {
        flushAndEvict(ctx.getCurrentKey(), progress, timers, out);
        metrics.evicted();
        return;
      }
      progress.idleTimerMs = idleSinceMs + idleTimeoutMs;
      timers.registerProcessingTimeTimer(progress.idleTimerMs);
    } else {
      progress.timerUs = StreamProgress.NONE;
      long watermarkUs = timers.currentWatermark();
      metrics.watermark(watermarkUs);
      runSteps(ctx.getCurrentKey(), progress, watermarkUs, out);
      scheduleNextStep(progress, timers);
    }
    progressState.update(progress);
  }

  private void runSteps(String streamId, StreamProgress progress, long limitUs, Collector<Classification> out)
      throws Exception {
    WindowStepper.Result result = stepper.advance(progress, windowState.value(), pendingState.get(), limitUs);
    long now = System.currentTimeMillis();
    for (WindowStepper.Finished f : result.finished()) {
      out.collect(Classifications.of(streamId, f.windowIndex(), stepper.windowUs(), f.label(), f.decision(), modelId,
          modelVersion, now));
      metrics.decision(f.decision());
    }
    if (result.live() == null) {
      windowState.clear();
    } else {
      windowState.update(result.live());
    }
    pendingState.update(result.remaining());
  }

  /** Computes everything the stream has (its remaining steps run empty), then drops all its state and timers. */
  private void flushAndEvict(String streamId, StreamProgress progress, TimerService timers,
      Collector<Classification> out) throws Exception {
    runSteps(streamId, progress, Long.MAX_VALUE, out);
    if (progress.timerUs != StreamProgress.NONE) {
      timers.deleteEventTimeTimer(progress.timerUs);
    }
    if (progress.idleTimerMs != StreamProgress.NONE) {
      timers.deleteProcessingTimeTimer(progress.idleTimerMs);
    }
    progressState.clear();
    windowState.clear();
    pendingState.clear();
  }

  /**
   * Keeps exactly one event-time timer per stream, at the end of its next step (minus 1: a watermark t
   * covers t). Once the stream promises its slice ends the timer waits for the end of all input (the
   * final watermark) instead: its own packets (and end-of-stream or idleness) close its steps, so a
   * watermark that runs ahead of its partition (a source marked idle under backpressure, a skewed
   * stream sharing it) cannot make its events late.
   */
  private void scheduleNextStep(StreamProgress progress, TimerService timers) throws Exception {
    long endUs = stepper.nextStepEndUs(progress, windowState.value(), pendingState.get());
    long timerUs = endUs == StreamProgress.NONE ? StreamProgress.NONE
        : progress.promisedUpToUs != StreamProgress.NONE ? END_OF_INPUT_US : endUs - 1;
    if (timerUs == progress.timerUs) {
      return;
    }
    if (progress.timerUs != StreamProgress.NONE) {
      timers.deleteEventTimeTimer(progress.timerUs);
    }
    if (timerUs != StreamProgress.NONE) {
      timers.registerEventTimeTimer(timerUs);
    }
    progress.timerUs = timerUs;
  }

  /** Timestamps are non-decreasing within a packet, so the late events are a prefix. */
  private static int countLate(long[] timestampsUs, long computedUpToUs) {
    int late = 0;
    while (late < timestampsUs.length && timestampsUs[late] < computedUpToUs) {
      late++;
    }
    return late;
  }

  private static DeadLetter lateEvents(StreamPacket packet, int late, StreamProgress progress, long onTimeFromUs) {
    byte[] value;
    try {
      ByteBuffer buffer = packet.toAvro(0, late).toByteBuffer();
      value = new byte[buffer.remaining()];
      buffer.get(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String message = packet.kafkaTopic + "/" + packet.kafkaPartition + "@" + packet.kafkaOffset + " stream '"
        + packet.streamId + "' packet " + packet.sequence + ": " + late + " of " + packet.size() + " events ("
        + packet.timestampsUs[0] + ".." + packet.timestampsUs[late - 1] + " us) are late: "
        + (onTimeFromUs == progress.promisedUpToUs && progress.promisedUpToUs > progress.computedUpToUs
            ? "the stream promised (sliceEndUs) that no event below " + onTimeFromUs + " us would follow"
            : "they fall into steps already computed (up to " + onTimeFromUs + " us); they arrived later than the"
                + " allowed out-of-orderness")
        + "."
        + " originalValue holds just these events; the rest of the packet was processed.";
    return DeadLetter.newBuilder()
        .setOriginalKey(ByteBuffer.wrap(packet.streamId.getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(ByteBuffer.wrap(value))
        .setTopic(packet.kafkaTopic == null ? "" : packet.kafkaTopic)
        .setPartition(packet.kafkaPartition)
        .setOffset(packet.kafkaOffset)
        .setReason(RejectReason.LATE_EVENT)
        .setMessage(message)
        .setStreamId(packet.streamId)
        .setRejectedAtMs(System.currentTimeMillis())
        .build();
  }
}
