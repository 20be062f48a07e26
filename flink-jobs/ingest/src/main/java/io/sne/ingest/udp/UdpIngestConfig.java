package io.sne.ingest.udp;

import io.sne.events.transform.StreamTransforms;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Settings of one UDP ingest. Built with {@link #builder()}; {@link Builder#build()} rejects
 * impossible values with a message naming the setting.
 *
 * @param bind local address and port to receive on (port 0: any free port)
 * @param sliceUs time span of one EventPacket, in the stream's clock
 * @param idleMs the stream ends (an endOfStream packet is sent) after this long without a datagram
 * @param queueCapacity datagrams buffered between the socket thread and the packetiser
 * @param maxPacketEvents a packet is closed early when it holds this many events (bounds Kafka record size)
 * @param receiveBufferBytes SO_RCVBUF requested; the kernel may grant less (Linux: net.core.rmem_max)
 * @param filters filters each event passes before it is packetised ({@code --filter}); none by default
 */
public record UdpIngestConfig(InetSocketAddress bind, String streamId, int width, int height, ByteOrder byteOrder,
    long sliceUs, long idleMs, int queueCapacity, int maxPacketEvents, int receiveBufferBytes, long statusIntervalMs,
    StreamTransforms filters) {

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = -1;
    private String streamId;
    private int width;
    private int height;
    private ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;
    private long sliceUs = 10_000;
    private long idleMs = 5_000;
    private int queueCapacity = 4_096;
    private int maxPacketEvents = 32_768;
    private int receiveBufferBytes = 16 << 20;
    private long statusIntervalMs = 1_000;
    private StreamTransforms filters = StreamTransforms.NONE;

    public Builder bind(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    public Builder streamId(String streamId) {
      this.streamId = streamId;
      return this;
    }

    public Builder sensor(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    public Builder byteOrder(ByteOrder byteOrder) {
      this.byteOrder = byteOrder;
      return this;
    }

    public Builder sliceUs(long sliceUs) {
      this.sliceUs = sliceUs;
      return this;
    }

    public Builder idleMs(long idleMs) {
      this.idleMs = idleMs;
      return this;
    }

    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    public Builder maxPacketEvents(int maxPacketEvents) {
      this.maxPacketEvents = maxPacketEvents;
      return this;
    }

    public Builder receiveBufferBytes(int receiveBufferBytes) {
      this.receiveBufferBytes = receiveBufferBytes;
      return this;
    }

    public Builder statusIntervalMs(long statusIntervalMs) {
      this.statusIntervalMs = statusIntervalMs;
      return this;
    }

    public Builder filters(StreamTransforms filters) {
      this.filters = filters;
      return this;
    }

    public UdpIngestConfig build() {
      require(port >= 0 && port <= 65535, "port must be 0..65535, got " + port);
      require(streamId != null && !streamId.isBlank(), "stream id must not be empty");
      // SPIF words carry 15-bit coordinates, so a larger sensor could not be addressed.
      require(width >= 1 && width <= SpifWord.MAX_COORDINATE + 1,
          "width must be 1.." + (SpifWord.MAX_COORDINATE + 1) + " (15-bit x), got " + width);
      require(height >= 1 && height <= SpifWord.MAX_COORDINATE + 1,
          "height must be 1.." + (SpifWord.MAX_COORDINATE + 1) + " (15-bit y), got " + height);
      require(sliceUs >= 1, "slice must be at least 1 us, got " + sliceUs);
      require(idleMs >= 1, "idle time must be at least 1 ms, got " + idleMs);
      require(queueCapacity >= 1, "queue capacity must be at least 1 datagram, got " + queueCapacity);
      require(maxPacketEvents >= 1, "max packet events must be at least 1, got " + maxPacketEvents);
      require(receiveBufferBytes >= 1, "receive buffer must be at least 1 byte, got " + receiveBufferBytes);
      require(statusIntervalMs >= 1, "status interval must be at least 1 ms, got " + statusIntervalMs);
      return new UdpIngestConfig(new InetSocketAddress(host, port), streamId, width, height,
          Objects.requireNonNull(byteOrder, "byte order"), sliceUs, idleMs, queueCapacity, maxPacketEvents,
          receiveBufferBytes, statusIntervalMs, Objects.requireNonNull(filters, "filters"));
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
