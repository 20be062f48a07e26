package io.sne.events;

/** Sensor size in pixels; {@link #UNKNOWN} (0 x 0) when a recording does not say. */
public record SensorGeometry(int width, int height) {
  public static final SensorGeometry UNKNOWN = new SensorGeometry(0, 0);

  public SensorGeometry {
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("sensor size must not be negative: " + width + "x" + height);
    }
  }

  public boolean isKnown() {
    return width > 0 && height > 0;
  }

  public boolean contains(int x, int y) {
    return x >= 0 && y >= 0 && x < width && y < height;
  }

  /** Parses "WIDTHxHEIGHT", e.g. "34x34". */
  public static SensorGeometry parse(String text) {
    String[] parts = text.trim().toLowerCase().split("x");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected a sensor size WIDTHxHEIGHT such as 34x34, got '" + text + "'");
    }
    try {
      return new SensorGeometry(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a sensor size WIDTHxHEIGHT such as 34x34, got '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return isKnown() ? width + "x" + height : "unknown";
  }
}
