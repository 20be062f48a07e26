package io.sne.job.operator;

/**
 * Where one stream stands in event time (a Flink POJO in value state). Times are microseconds of
 * the stream clock; {@link #NONE} marks an absent time.
 */
public final class StreamProgress {
  public static final long NONE = Long.MIN_VALUE;

  /** Events before this time belong to steps already computed: later arrivals there are late. */
  public long computedUpToUs = NONE;
  /**
   * The largest {@code sliceEndUs} the stream's packets have promised: no later event is below it.
   * Steps ending by then are computed without waiting for the watermark; later events below it are late.
   */
  public long promisedUpToUs = NONE;
  /** Index of the window in progress (windows are aligned to multiples of T*dt), valid when {@link #windowOpen}. */
  public long windowIndex;
  public boolean windowOpen;
  /** Ground truth of the window in progress: the label of the last labelled packet that fed it. */
  public Integer windowLabel;
  /** The one event-time timer this stream has registered, or NONE. */
  public long timerUs = NONE;
  /** The idle-check processing-time timer (epoch ms), or NONE. */
  public long idleTimerMs = NONE;
  /** Wall-clock time of the stream's last packet (epoch ms). */
  public long lastPacketMs;

  public StreamProgress() {}
}
