package io.sne.events;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A recording that is truncated or corrupt: names the file, the byte offset and what was expected
 * there, so the user can find the damage with a hex viewer.
 */
public final class EventFormatException extends IOException {
  private final String file;
  private final long byteOffset;

  public EventFormatException(String file, long byteOffset, String expected) {
    super(file + " at byte " + byteOffset + ": " + expected);
    this.file = file;
    this.byteOffset = byteOffset;
  }

  public EventFormatException(Path file, long byteOffset, String expected) {
    this(file.toString(), byteOffset, expected);
  }

  public String file() {
    return file;
  }

  public long byteOffset() {
    return byteOffset;
  }
}
