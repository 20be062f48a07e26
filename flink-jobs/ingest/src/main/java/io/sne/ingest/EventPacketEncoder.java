package io.sne.ingest;

import io.sne.events.EventBuffer;
import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryData;

/**
 * Writes the Avro single-object encoding of an EventPacket straight from primitive columns: the
 * same bytes as {@code EventPacket.toByteBuffer()} (a test compares them), without boxing every
 * timestamp and coordinate into a list first. Measured in one harness on the shared 2-core dev
 * machine, decode + packetise + encode took 450-680 ns of wall time per event through the generated
 * class and 85-115 ns with this encoder. Used by every ingest path (UDP bridges, file replay); one
 * encoder per stream, not thread-safe (it reuses its buffer).
 *
 * <p>Field order follows schemas/src/main/avro/EventPacket.avsc; the varints come from Avro's own
 * {@link BinaryData}. A schema change must be mirrored here (EventPacketEncoderTest fails otherwise).
 */
public final class EventPacketEncoder {
  private static final int MAX_VARLONG_BYTES = 10;
  private static final int MAX_VARINT_BYTES = 5;
  private static final byte[] HEADER = singleObjectHeader();

  private final byte[] streamIdUtf8;
  private final byte[] sourceUtf8;
  private final int width;
  private final int height;
  private byte[] buffer = new byte[4096];

  /** @param source the packets' source field; null for none */
  public EventPacketEncoder(String streamId, int width, int height, String source) {
    this.streamIdUtf8 = streamId.getBytes(StandardCharsets.UTF_8);
    this.sourceUtf8 = source == null ? null : source.getBytes(StandardCharsets.UTF_8);
    this.width = width;
    this.height = height;
  }

  /**
   * The encoded packet of the first {@code size} events of the columns, without a label (live
   * streams have none); {@code sliceEndUs} null = no promise.
   */
  public byte[] encode(long sequence, long[] timestampsUs, int[] xs, int[] ys, byte[] polarities, int size,
      TimestampClock clock, boolean endOfStream, Long sliceEndUs) {
    return encode(sequence, timestampsUs, xs, ys, polarities, size, clock, null, endOfStream, sliceEndUs);
  }

  /** The encoded packet of the events in {@code events}; {@code label} null for none, {@code sliceEndUs} null = no promise. */
  public byte[] encode(long sequence, EventBuffer events, TimestampClock clock, Integer label, boolean endOfStream,
      Long sliceEndUs) {
    return encode(sequence, events.timestampsUs(), events.xs(), events.ys(), events.polarities(), events.size(), clock,
        label, endOfStream, sliceEndUs);
  }

  private byte[] encode(long sequence, long[] timestampsUs, int[] xs, int[] ys, byte[] polarities, int size,
      TimestampClock clock, Integer label, boolean endOfStream, Long sliceEndUs) {
    ensureCapacity(size);
    byte[] out = buffer;
    int p = 0;
    System.arraycopy(HEADER, 0, out, p, HEADER.length);
    p += HEADER.length;
    p = writeBytes(streamIdUtf8, streamIdUtf8.length, out, p);
    p += BinaryData.encodeLong(sequence, out, p);
    p += BinaryData.encodeInt(width, out, p);
    p += BinaryData.encodeInt(height, out, p);
    if (size > 0) { // an array is one block of `size` items, then the 0 that ends it
      p += BinaryData.encodeLong(size, out, p);
      for (int i = 0; i < size; i++) {
        p += BinaryData.encodeLong(timestampsUs[i], out, p);
      }
    }
    out[p++] = 0;
    p = writeInts(xs, size, out, p);
    p = writeInts(ys, size, out, p);
    p = writeBytes(polarities, size, out, p);
    p += BinaryData.encodeInt(clock.ordinal(), out, p);
    if (label == null) { // unions: the branch index (0 = null), then the value
      p += BinaryData.encodeInt(0, out, p);
    } else {
      p += BinaryData.encodeInt(1, out, p);
      p += BinaryData.encodeInt(label, out, p);
    }
    if (sourceUtf8 == null) {
      p += BinaryData.encodeInt(0, out, p);
    } else {
      p += BinaryData.encodeInt(1, out, p);
      p = writeBytes(sourceUtf8, sourceUtf8.length, out, p);
    }
    p += BinaryData.encodeBoolean(endOfStream, out, p);
    if (sliceEndUs == null) { // union ["null", "long"]: branch 0, or branch 1 and the value
      p += BinaryData.encodeInt(0, out, p);
    } else {
      p += BinaryData.encodeInt(1, out, p);
      p += BinaryData.encodeLong(sliceEndUs, out, p);
    }
    return Arrays.copyOf(out, p);
  }

  private static int writeInts(int[] values, int size, byte[] out, int p) {
    if (size > 0) {
      p += BinaryData.encodeLong(size, out, p);
      for (int i = 0; i < size; i++) {
        p += BinaryData.encodeInt(values[i], out, p);
      }
    }
    out[p++] = 0;
    return p;
  }

  /** Avro bytes and strings alike: the length, then the raw bytes. */
  private static int writeBytes(byte[] values, int length, byte[] out, int p) {
    p += BinaryData.encodeLong(length, out, p);
    System.arraycopy(values, 0, out, p, length);
    return p + length;
  }

  private void ensureCapacity(int size) {
    long worstCase = HEADER.length + 5L * MAX_VARLONG_BYTES + streamIdUtf8.length
        + (sourceUtf8 == null ? 0 : sourceUtf8.length) + 8L * MAX_VARLONG_BYTES
        + (long) size * (MAX_VARLONG_BYTES + 2 * MAX_VARINT_BYTES + 1);
    if (worstCase > buffer.length) {
      buffer = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(worstCase, 2L * buffer.length))];
    }
  }

  /** Avro's single-object marker C3 01, then the schema's CRC-64-AVRO fingerprint (little-endian). */
  private static byte[] singleObjectHeader() {
    try {
      byte[] fingerprint = SchemaNormalization.parsingFingerprint("CRC-64-AVRO", EventPacket.getClassSchema());
      byte[] header = new byte[2 + fingerprint.length];
      header[0] = (byte) 0xC3;
      header[1] = 0x01;
      System.arraycopy(fingerprint, 0, header, 2, fingerprint.length);
      return header;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Avro always provides CRC-64-AVRO", e);
    }
  }
}
