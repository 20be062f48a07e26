package io.sne.ingest.udp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A reusable holder for one received datagram; grows only when a larger datagram than ever before arrives. */
final class DatagramSlot {
  private final ByteOrder order;
  private ByteBuffer bytes;
  private long arrivalNanos;

  DatagramSlot(int initialCapacity, ByteOrder order) {
    this.order = order;
    this.bytes = ByteBuffer.allocate(initialCapacity).order(order);
  }

  /** Copies {@code received} (position to limit) in; the source buffer is free to reuse afterwards. */
  void fill(ByteBuffer received, long arrivalNanos) {
    int length = received.remaining();
    if (length > bytes.capacity()) {
      bytes = ByteBuffer.allocate(length).order(order);
    }
    bytes.clear();
    bytes.put(received);
    bytes.flip();
    this.arrivalNanos = arrivalNanos;
  }

  /** The datagram's bytes, position 0 to limit = length, in the configured byte order. */
  ByteBuffer datagram() {
    return bytes;
  }

  long arrivalNanos() {
    return arrivalNanos;
  }
}
