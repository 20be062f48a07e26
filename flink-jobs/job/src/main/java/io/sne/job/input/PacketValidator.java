package io.sne.job.input;

import io.sne.schemas.RejectReason;
import java.util.Optional;

/**
 * The rules a decoded {@link io.sne.schemas.EventPacket} must meet before its events reach a model: a stream id,
 * a positive sensor size, columns of equal length, every event on the sensor, polarities 0 or 1,
 * timestamps non-decreasing within the packet, a promised slice end ({@code sliceEndUs}) not before
 * its last event. Lateness across packets is judged later, per stream.
 */
public final class PacketValidator {
  private PacketValidator() {}

  /** The first rule {@code p} breaks, or empty when it is usable. */
  public static Optional<Violation> check(StreamPacket p) {
    if (p.streamId == null || p.streamId.isEmpty()) {
      return violation(RejectReason.OTHER, "streamId is empty");
    }
    if (p.width <= 0 || p.height <= 0) {
      return violation(RejectReason.OTHER, "sensor size " + p.width + "x" + p.height + " is not positive");
    }
    long[] ts = p.timestampsUs;
    int[] xs = p.xs;
    int[] ys = p.ys;
    byte[] pol = p.polarities;
    int n = ts.length;
    if (xs.length != n || ys.length != n || pol.length != n) {
      return violation(RejectReason.COLUMN_LENGTH_MISMATCH, "columns differ in length: timestampsUs=" + n
          + ", xs=" + xs.length + ", ys=" + ys.length + ", polarities=" + pol.length);
    }
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      int x = xs[i];
      int y = ys[i];
      if (x < 0 || x >= p.width || y < 0 || y >= p.height) {
        return violation(RejectReason.COORDINATE_OUT_OF_SENSOR, "event " + i + " at (x=" + x + ", y=" + y
            + ") is outside the " + p.width + "x" + p.height + " sensor");
      }
      byte polarity = pol[i];
      if (polarity != 0 && polarity != 1) {
        return violation(RejectReason.OTHER, "event " + i + " has polarity " + polarity + ", expected 0 (OFF) or 1 (ON)");
      }
      long t = ts[i];
      if (t < previous) {
        return violation(RejectReason.TIMESTAMP_BACKWARDS, "event " + i + " at " + t + " us is earlier than event "
            + (i - 1) + " at " + previous + " us; timestamps must not decrease within a packet");
      }
      previous = t;
    }
    Long sliceEndUs = p.sliceEndUs;
    if (sliceEndUs != null && n > 0 && sliceEndUs < previous) {
      return violation(RejectReason.OTHER, "sliceEndUs " + sliceEndUs + " is earlier than the packet's last event at "
          + previous + " us; it promises that no later event is below it, so it must be >= every timestamp in the packet");
    }
    return Optional.empty();
  }

  private static Optional<Violation> violation(RejectReason reason, String message) {
    return Optional.of(new Violation(reason, message));
  }
}
