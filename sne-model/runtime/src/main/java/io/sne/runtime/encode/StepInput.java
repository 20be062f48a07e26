package io.sne.runtime.encode;

import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.Shape;
import io.sne.runtime.snn.CountAccumulator;
import io.sne.runtime.snn.Layouts;
import io.sne.runtime.snn.SpikeEvents;

/**
 * The input of one time step, filled by the caller and consumed by {@code SneEnsemble.step}: events
 * ({@link #addEvent}, channel-major input index from {@link EventFrameEncoder#inputIndex}) for an
 * events model, or an analog image ({@link #setImage}) for a direct one. Reusable: events are
 * cleared when consumed; an image stays until replaced or {@link #clear}ed, since a direct model
 * sees the same image every step. Not thread-safe; one per thread.
 */
public final class StepInput {
  private final InputSpec spec;
  private final int[] channelsLast;
  private final int planeSize;
  private final CountAccumulator counts;
  private final float[] image; // channels-last, direct models only
  private boolean hasImage;
  private long events;
  private long onEvents;

  public StepInput(InputSpec spec) {
    this.spec = spec;
    Shape shape = new Shape(spec.channels(), spec.height(), spec.width());
    this.channelsLast = Layouts.channelsLastTable(shape);
    this.planeSize = spec.height() * spec.width();
    this.counts = spec.events() ? new CountAccumulator(spec.size()) : null;
    this.image = spec.events() ? null : new float[spec.size()];
  }

  /** Adds one event at a channel-major input index; negative indices (cropped away) are ignored. */
  public void addEvent(int inputIndex) {
    if (inputIndex < 0) {
      return;
    }
    counts.add(channelsLast[inputIndex], 1);
    events++;
    if (inputIndex >= planeSize) {
      onEvents++;
    }
  }

  /** Sets the analog image (channel-major {@code channels x height x width}) of this step. */
  public void setImage(float[] channelMajor) {
    if (image == null) {
      throw new IllegalStateException("setImage needs a 'direct' model; this one takes events");
    }
    if (channelMajor.length != image.length) {
      throw new IllegalArgumentException("image has " + channelMajor.length + " values, the model takes " + image.length
          + " (" + spec.channels() + "x" + spec.height() + "x" + spec.width() + ")");
    }
    for (int i = 0; i < channelMajor.length; i++) {
      image[channelsLast[i]] = channelMajor[i];
    }
    hasImage = true;
  }

  /** Events added since the last drain (those that reached the model's input). */
  public long events() {
    return events;
  }

  public long onEvents() {
    return onEvents;
  }

  /**
   * Moves this step's input into {@code out} (ascending channels-last order) and clears it. Events:
   * one entry per active pixel with its count (or 1 for binary frames). Direct: non-zero pixels.
   */
  public void drainTo(SpikeEvents out) {
    if (counts != null) {
      counts.drainTo(out, spec.binaryFrames(), 1f);
    } else {
      out.clear();
      if (hasImage) {
        for (int i = 0; i < image.length; i++) {
          if (image[i] != 0f) {
            out.add(i, image[i], 1);
          }
        }
      }
    }
    events = 0;
    onEvents = 0;
  }

  public void clear() {
    if (counts != null) {
      counts.clear();
    }
    hasImage = false;
    events = 0;
    onEvents = 0;
  }
}
