package io.sne.runtime.snn;

import java.io.Closeable;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes big-endian ints, longs and floats (what {@link java.io.DataOutputStream} would write) to a
 * {@link DataOutput} through one reused block per thread. Why: a stream's state is snapshot at every
 * checkpoint; an int at a time through the stream was most of a snapshot's CPU, and encoding the
 * whole state into arrays of its own first was most of a checkpoint's garbage.
 *
 * <pre>{@code try (BlockOutput b = BlockOutput.to(out)) { b.putInt(1).putFloats(v); } }</pre>
 */
public final class BlockOutput implements Closeable {
  private static final int BLOCK_BYTES = 8192;
  private static final ThreadLocal<BlockOutput> PER_THREAD = ThreadLocal.withInitial(BlockOutput::new);

  private final ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES); // big-endian, as DataOutputStream
  private DataOutput out;
  private long written;

  private BlockOutput() {}

  /** This thread's block, writing to {@code out} until {@link #close()}. */
  public static BlockOutput to(DataOutput out) {
    BlockOutput b = PER_THREAD.get();
    if (b.out != null) {
      throw new IllegalStateException("BlockOutput is already open on this thread");
    }
    b.out = out;
    b.block.clear();
    b.written = 0;
    return b;
  }

  public BlockOutput putInt(int v) throws IOException {
    room(4);
    block.putInt(v);
    return this;
  }

  public BlockOutput putLong(long v) throws IOException {
    room(8);
    block.putLong(v);
    return this;
  }

  public BlockOutput putBoolean(boolean v) throws IOException {
    room(1);
    block.put((byte) (v ? 1 : 0));
    return this;
  }

  /** As {@link DataOutput#writeUTF}. */
  public BlockOutput putUtf(String s) throws IOException {
    drain();
    out.writeUTF(s);
    written += 2 + utfLength(s);
    return this;
  }

  /** Raw float bits, in order. */
  public BlockOutput putFloats(float[] v) throws IOException {
    for (float f : v) {
      room(4);
      block.putInt(Float.floatToRawIntBits(f));
    }
    return this;
  }

  /** Bytes written since {@link #to}, including what is still in the block. */
  public long written() {
    return written + block.position();
  }

  /** Writes what is left in the block and releases it for this thread's next use. */
  @Override
  public void close() throws IOException {
    try {
      drain();
    } finally {
      out = null;
    }
  }

  /** Bytes {@link DataOutput#writeUTF} writes for {@code s}, its 2-byte length excluded. */
  public static int utfLength(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
    }
    return n;
  }

  private void room(int bytes) throws IOException {
    if (block.remaining() < bytes) {
      drain();
    }
  }

  private void drain() throws IOException {
    if (block.position() > 0) {
      out.write(block.array(), 0, block.position());
      written += block.position();
      block.clear();
    }
  }
}
