package io.sne.train;

import io.sne.events.EventBuffer;
import io.sne.events.EventReader;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import io.sne.runtime.encode.EventFrameEncoder;
import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.model.InputSpec;
import io.sne.train.data.Datasets;
import io.sne.train.data.EventFolder;
import io.sne.train.data.LabelledImages;
import java.io.IOException;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;

/**
 * Recorded (not emulated) labelled events, {@code dataset.name: event-folder}. Each recording is
 * one window that starts at its first event; the runtime's own {@link EventFrameEncoder} bins it
 * into T frames of dtUs (events after T x dtUs are dropped, as the runtime does), so students train
 * on what the runtime will feed them.
 *
 * <p>As a dataset, a recording's "image" is its frames [T][2][H][W] (channels = 2T); the students
 * read them as they are. There is no static image for the teacher, so the teacher sees the
 * recording's event frame: the frames summed over time (2 x H x W), divided by its largest count
 * so values lie in [0, 1] ({@link #teacherView}).
 */
public final class RecordedEvents extends EventInputEncoder {
  private final EventFrameEncoder encoder;

  public RecordedEvents(InputSpec spec) {
    super(spec);
    this.encoder = new EventFrameEncoder(spec);
  }

  /** The input spec for a sensor (input = sensor size, scale 1). */
  public static InputSpec spec(SensorGeometry sensor, int timeSteps, long dtUs, String frame) {
    return new InputSpec("events", 2, sensor.height(), sensor.width(), sensor.width(), sensor.height(), timeSteps, dtUs, frame);
  }

  /** Both splits of a folder as frames; the sensor size comes from the recordings. */
  public static Loaded load(EventFolder.Listing listing, int timeSteps, long dtUs, String frame) throws IOException {
    RecordedEvents enc = new RecordedEvents(spec(sensor(listing), timeSteps, dtUs, frame));
    return new Loaded(enc, new Datasets.Split(enc.frames(listing.train(), listing.labelNames(), "train"),
        enc.frames(listing.test(), listing.labelNames(), "test")));
  }

  /** A loaded folder and the encoder that binned it. */
  public record Loaded(RecordedEvents encoder, Datasets.Split split) {}

  /**
   * The sensor all recordings share: from the first recording's header, or (formats without one)
   * the largest coordinates seen. A recording with another header size is an error naming it.
   */
  static SensorGeometry sensor(EventFolder.Listing listing) throws IOException {
    SensorGeometry found = null;
    int maxX = -1;
    int maxY = -1;
    for (List<EventFolder.Recording> split : List.of(listing.train(), listing.test())) {
      for (EventFolder.Recording r : split) {
        try (EventReader reader = Recordings.open(r.file())) {
          SensorGeometry g = reader.geometry();
          if (g.isKnown()) {
            if (found == null) {
              found = g;
            } else if (!found.equals(g)) {
              throw new IOException(r.file() + ": sensor " + g + " differs from the other recordings' " + found
                  + " (one model reads one sensor size)");
            }
            continue;
          }
          EventBuffer all = Recordings.readAll(reader);
          for (int i = 0; i < all.size(); i++) {
            maxX = Math.max(maxX, all.x(i));
            maxY = Math.max(maxY, all.y(i));
          }
        }
      }
    }
    if (found != null) return found;
    if (maxX < 0) throw new IOException("event-folder " + listing.root() + ": the recordings hold no events and no sensor size");
    return new SensorGeometry(maxX + 1, maxY + 1);
  }

  /** A recording as one window starting at its first event. */
  public static EventWindow window(EventBuffer b) {
    long start = b.isEmpty() ? 0 : b.t(0);
    for (int i = 1; i < b.size(); i++) start = Math.min(start, b.t(i));
    return new EventWindow(b.timestampsUs(), b.xs(), b.ys(), b.polarities(), b.size(), start);
  }

  public static EventWindow read(EventFolder.Recording r) throws IOException {
    return window(Recordings.readAll(r.file()));
  }

  /** Frames [T*2*H*W] of one window, binned by the runtime's encoder. */
  public float[] frames(EventWindow w) {
    float[][] f = encoder.frames(w);
    float[] row = new float[spec.timeSteps() * spec.size()];
    for (int t = 0; t < f.length; t++) System.arraycopy(f[t], 0, row, t * spec.size(), spec.size());
    return row;
  }

  private LabelledImages frames(List<EventFolder.Recording> recordings, List<String> labelNames, String split) throws IOException {
    int rowSize = spec.timeSteps() * spec.size();
    float[] rows = new float[recordings.size() * rowSize];
    int[] labels = new int[recordings.size()];
    try (ProgressBar bar = Progress.bar("reading " + split + " recordings", recordings.size())) {
      for (int i = 0; i < recordings.size(); i++) {
        EventFolder.Recording r = recordings.get(i);
        System.arraycopy(frames(read(r)), 0, rows, i * rowSize, rowSize);
        labels[i] = r.label();
        bar.step();
      }
    }
    return new LabelledImages(rows, labels, 2 * spec.timeSteps(), spec.height(), spec.width(), labelNames);
  }

  /** The teacher's image of one recording: frames summed over time, over their largest value. */
  public float[] teacherImage(float[] frames) {
    int plane = spec.size();
    float[] out = new float[plane];
    for (int t = 0; t < spec.timeSteps(); t++) for (int j = 0; j < plane; j++) out[j] += frames[t * plane + j];
    float max = 0;
    for (float v : out) max = Math.max(max, v);
    if (max > 0) for (int j = 0; j < plane; j++) out[j] /= max;
    return out;
  }

  @Override
  public LabelledImages teacherView(LabelledImages images) {
    int plane = spec.size();
    float[] px = new float[images.size() * plane];
    for (int i = 0; i < images.size(); i++) System.arraycopy(teacherImage(images.image(i)), 0, px, i * plane, plane);
    return new LabelledImages(px, images.labels(), 2, spec.height(), spec.width(), images.labelNames());
  }

  /** The frames are the dataset's rows already. */
  @Override
  public StudentInputs encode(LabelledImages images, long seed) {
    return new StudentInputs(images.pixels(), images.imageSize(), images.labels());
  }

  @Override
  public boolean cacheable() {
    return false;
  }
}
