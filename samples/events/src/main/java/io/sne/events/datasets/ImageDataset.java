package io.sne.events.datasets;

import java.util.List;

/** A labelled set of still images, grey levels normalised to [0, 1], as the emulator takes them. */
public interface ImageDataset {
  /** e.g. "fashion-mnist/test". */
  String name();

  int size();

  int width();

  int height();

  int label(int index);

  /** Row-major grey levels in [0, 1], {@code width() * height()} values. */
  float[] image(int index);

  List<String> classNames();
}
