package io.sne.ingest.udp;

import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over from the socket thread to the packetiser: a fixed pool of slots circulates
 * between a free list and a queue of received datagrams. No allocation per datagram, and the bound
 * is explicit: when every slot is in use the receiver gets none and must drop (and count) the datagram
 * instead of blocking, so the socket keeps being drained.
 */
final class DatagramQueue {
  private static final int INITIAL_SLOT_BYTES = 2048; // an Ethernet-MTU datagram fits without growing

  private final BlockingQueue<DatagramSlot> free;
  private final BlockingQueue<DatagramSlot> received;

  DatagramQueue(int capacity, ByteOrder order) {
    free = new ArrayBlockingQueue<>(capacity);
    received = new ArrayBlockingQueue<>(capacity);
    for (int i = 0; i < capacity; i++) {
      free.add(new DatagramSlot(INITIAL_SLOT_BYTES, order));
    }
  }

  /** A free slot to fill, or null if the queue is full. Never blocks. */
  DatagramSlot claim() {
    return free.poll();
  }

  void submit(DatagramSlot filled) {
    received.add(filled); // cannot fail: there are never more slots than capacity
  }

  /** The oldest received datagram, waiting up to {@code timeoutNanos}; null if none came. */
  DatagramSlot take(long timeoutNanos) throws InterruptedException {
    return received.poll(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  void release(DatagramSlot consumed) {
    free.add(consumed);
  }

  boolean isEmpty() {
    return received.isEmpty();
  }
}
