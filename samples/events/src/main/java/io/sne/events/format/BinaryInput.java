package io.sne.events.format;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file read through one reusable buffer (constant memory), tracking the absolute byte offset of
 * every position so errors can say where the file is damaged.
 */
final class BinaryInput implements Closeable {
  private final Path file;
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private long bufferStart;
  private boolean endOfFile;

  BinaryInput(Path file, int bufferBytes, ByteOrder order) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.buffer = ByteBuffer.allocate(bufferBytes).order(order);
    buffer.flip();
  }

  BinaryInput(Path file) throws IOException {
    this(file, 1 << 20, ByteOrder.LITTLE_ENDIAN);
  }

  Path file() {
    return file;
  }

  /** The buffer; its position is the next unread byte. */
  ByteBuffer buffer() {
    return buffer;
  }

  /** Absolute file offset of the next unread byte. */
  long offset() {
    return bufferStart + buffer.position();
  }

  long offsetOf(int bufferPosition) {
    return bufferStart + bufferPosition;
  }

  long size() throws IOException {
    return channel.size();
  }

  /**
   * Makes at least {@code bytes} bytes readable unless the file ends first; returns how many are
   * readable (fewer than asked only at the end of the file).
   */
  int fill(int bytes) throws IOException {
    if (buffer.remaining() >= bytes || endOfFile) {
      return buffer.remaining();
    }
    if (bytes > buffer.capacity()) {
      throw new IllegalArgumentException("cannot buffer " + bytes + " bytes (capacity " + buffer.capacity() + ")");
    }
    bufferStart += buffer.position();
    buffer.compact();
    while (buffer.position() < bytes) {
      int n = channel.read(buffer);
      if (n < 0) {
        endOfFile = true;
        break;
      }
    }
    // Top up the rest of the buffer too, so tight decode loops see large chunks.
    while (!endOfFile && buffer.hasRemaining()) {
      int n = channel.read(buffer);
      if (n < 0) {
        endOfFile = true;
      } else if (n == 0) {
        break;
      }
    }
    buffer.flip();
    return buffer.remaining();
  }

  /** Copies the next {@code length} bytes into {@code target}; returns how many there were (fewer at the end). */
  int read(byte[] target, int length) throws IOException {
    int copied = 0;
    while (copied < length) {
      int available = fill(Math.min(length - copied, buffer.capacity()));
      if (available == 0) {
        break;
      }
      int n = Math.min(available, length - copied);
      buffer.get(target, copied, n);
      copied += n;
    }
    return copied;
  }

  /** Moves to an absolute file offset. */
  void seek(long offset) throws IOException {
    channel.position(offset);
    bufferStart = offset;
    endOfFile = false;
    buffer.clear();
    buffer.flip();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
