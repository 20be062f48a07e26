package io.sne.train;

import io.sne.train.data.LabelledImages;
import java.util.Map;

/** Turns labelled images into what students read, and describes that input for the manifest. */
public interface InputEncoder {
  StudentInputs encode(LabelledImages images, long seed);

  /** The manifest's "input" object. */
  Map<String, Object> inputSpec();

  String encoding();

  int channels();

  int height();

  int width();

  /** What the teacher reads of these samples: the images themselves unless the samples have none (recorded events). */
  default LabelledImages teacherView(LabelledImages images) {
    return images;
  }

  /** What else than {@link #inputSpec()} the encoded inputs depend on (part of the input cache's key). */
  default String cacheTag() {
    return "";
  }

  /** Whether encoding is slow enough to keep in the work directory (emulation is; direct images and read recordings are not). */
  default boolean cacheable() {
    return !encoding().equals("direct");
  }

  /** Direct images: the analog image fed to the first layer every step. */
  static InputEncoder direct(int channels, int height, int width, int timeSteps) {
    return new InputEncoder() {
      @Override
      public StudentInputs encode(LabelledImages images, long seed) {
        return new StudentInputs(images.pixels(), images.imageSize(), images.labels());
      }

      @Override
      public Map<String, Object> inputSpec() {
        return Map.of("encoding", "direct", "channels", channels, "height", height, "width", width, "timeSteps", timeSteps);
      }

      @Override
      public String encoding() {
        return "direct";
      }

      @Override
      public int channels() {
        return channels;
      }

      @Override
      public int height() {
        return height;
      }

      @Override
      public int width() {
        return width;
      }
    };
  }
}
