package io.sne.events.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormatException;
import io.sne.events.EventReader;
import io.sne.events.RandomEvents;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AEDAT 4.0 files with several streams, as a DAVIS recording has, built packet by packet. */
class Aedat4ReaderTest {
  @TempDir Path dir;

  private static final String XML = "<dv version=\"2.0\"><node name=\"outInfo\" path=\"/o/\">"
      + stream(0, "FRME", 346, 260) + stream(1, "EVTS", 346, 260) + stream(2, "IMUS", 0, 0) + stream(3, "TRIG", 0, 0)
      + "</node></dv>";

  private static String stream(int id, String type, int w, int h) {
    String info = w > 0 ? "<node name=\"info\" path=\"/o/" + id + "/info/\"><attr key=\"sizeX\" type=\"int\">" + w
        + "</attr><attr key=\"sizeY\" type=\"int\">" + h + "</attr></node>" : "";
    return "<node name=\"" + id + "\" path=\"/o/" + id + "/\"><attr key=\"typeIdentifier\" type=\"string\">" + type
        + "</attr>" + info + "</node>";
  }

  /** Builds magic + header + the given packets (stream id, uncompressed body) with Zstd. */
  private static byte[] file(Object... packets) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Aedat4Header.MAGIC.getBytes(StandardCharsets.ISO_8859_1));
    byte[] header = Aedat4Writer.ioHeader(XML, Aedat4Compression.ZSTD);
    out.write(le(header.length));
    out.write(header);
    for (int i = 0; i < packets.length; i += 2) {
      byte[] body = Aedat4Compression.ZSTD.compress((byte[]) packets[i + 1], ((byte[]) packets[i + 1]).length);
      out.write(le((Integer) packets[i]));
      out.write(le(body.length));
      out.write(body);
    }
    return out.toByteArray();
  }

  private static byte[] le(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  /** The uncompressed EVTS FlatBuffer the writer makes, taken from a one-packet file without compression. */
  private byte[] eventsBody(EventBuffer events) throws IOException {
    Path f = dir.resolve("body.aedat4");
    try (Aedat4Writer w = new Aedat4Writer(f, new SensorGeometry(346, 260), Aedat4Compression.NONE)) {
      w.write(events);
    }
    byte[] all = Files.readAllBytes(f);
    int headerEnd = Aedat4Header.MAGIC.length() + 4
        + ByteBuffer.wrap(all, Aedat4Header.MAGIC.length(), 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return Arrays.copyOfRange(all, headerEnd + 8, all.length);
  }

  @Test
  void readsTheEventStreamAndCountsFramesImuAndTriggerPackets() throws IOException {
    SensorGeometry sensor = new SensorGeometry(346, 260);
    EventBuffer first = RandomEvents.generate(1, 500, sensor, 1_000, 10);
    EventBuffer second = RandomEvents.generate(2, 300, sensor, first.t(499) + 1, 10);
    byte[] junk = new byte[64];
    Path f = dir.resolve("davis.aedat4");
    Files.write(f, file(0, junk, 1, eventsBody(first), 2, junk, 3, junk, 2, junk, 1, eventsBody(second)));
    try (EventReader reader = Recordings.open(f)) {
      assertThat(reader.geometry()).isEqualTo(sensor);
      EventBuffer expected = first.copy();
      expected.addAll(second);
      assertThat(Recordings.readAll(reader)).isEqualTo(expected);
      assertThat(reader.skipped()).isEqualTo(Map.of("FRME packets", 1L, "IMUS packets", 2L, "TRIG packets", 1L));
    }
  }

  @Test
  void truncatedPacketBodyIsReportedAfterTheEventsBeforeIt() throws IOException {
    SensorGeometry sensor = new SensorGeometry(346, 260);
    EventBuffer first = RandomEvents.generate(1, 100, sensor, 1_000, 10);
    byte[] whole = file(1, eventsBody(first), 1, eventsBody(first));
    int secondPacketBody = file(1, eventsBody(first)).length + 8;
    Path f = dir.resolve("cut.aedat4");
    Files.write(f, Arrays.copyOf(whole, whole.length - 5));
    try (EventReader reader = Recordings.open(f)) {
      EventBuffer packet = new EventBuffer();
      assertThat(reader.next(packet)).isTrue();
      assertThat(packet).isEqualTo(first);
      assertThatThrownBy(() -> reader.next(packet))
          .isInstanceOf(EventFormatException.class)
          .hasMessageContaining("at byte " + secondPacketBody)
          .hasMessageContaining("packet body, the file ends after");
    }
  }

  @Test
  void corruptCompressedBodyNamesTheCompression() throws IOException {
    byte[] bytes = file(1, eventsBody(RandomEvents.generate(1, 10, new SensorGeometry(346, 260), 0, 5)));
    int headerLength = ByteBuffer.wrap(bytes, 14, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int body = 14 + 4 + headerLength + 8;
    bytes[body] = 0; // breaks the Zstd frame magic, so decompression must fail
    Path f = dir.resolve("bad.aedat4");
    Files.write(f, bytes);
    try (EventReader reader = Recordings.open(f)) {
      assertThatThrownBy(() -> reader.next(new EventBuffer()))
          .isInstanceOf(EventFormatException.class)
          .hasMessageContaining("at byte " + body)
          .hasMessageContaining("ZSTD-compressed packet body");
    }
  }

  @Test
  void undeclaredStreamIdIsAnError() throws IOException {
    Path f = dir.resolve("stream9.aedat4");
    Files.write(f, file(9, new byte[8]));
    try (EventReader reader = Recordings.open(f)) {
      assertThatThrownBy(() -> reader.next(new EventBuffer()))
          .hasMessageContaining("expected a stream id declared in the header [0, 1, 2, 3], found 9");
    }
  }
}
