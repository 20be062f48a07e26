package io.sne.ingest.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpifDatagramDecoderTest {
  private static final long ARRIVAL_US = 1_700_000_000_000_000L;

  /** An event as decoded, with whether its timestamp came from the sensor. */
  private record Decoded(long timestampUs, int x, int y, boolean on, boolean sensorClock) {}

  private final List<Decoded> decoded = new ArrayList<>();
  private final EventSink collect = (t, x, y, on, sensor) -> decoded.add(new Decoded(t, x, y, on, sensor));

  @ParameterizedTest
  @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
  void decodesTimestampedAndUntimestampedWordsInEitherByteOrder(String orderName) {
    ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] bytes = SpifDatagrams.words(order,
        SpifDatagrams.word(639, 479, true, true), 123_456,
        SpifDatagrams.word(0, 0, false, false),
        SpifDatagrams.word(5, 7, false, true), 123_460);
    SpifDatagramDecoder decoder = new SpifDatagramDecoder(640, 480);

    assertThat(decoder.decode(ByteBuffer.wrap(bytes).order(order), ARRIVAL_US, collect)).isNull();

    assertThat(decoded).containsExactly(
        new Decoded(123_456, 639, 479, true, true),
        new Decoded(ARRIVAL_US, 0, 0, false, false),
        new Decoded(123_460, 5, 7, false, true));
    assertThat(decoder.lastEventCount()).isEqualTo(3);
  }

  @Test
  void theWrongByteOrderIsNotSilentlyAccepted() {
    // x=1,y=2 little-endian read as big-endian puts bits into x/y far outside a 640x480 sensor.
    byte[] bytes = SpifDatagrams.words(ByteOrder.LITTLE_ENDIAN, SpifDatagrams.word(1, 2, true, false));
    SpifDatagramDecoder decoder = new SpifDatagramDecoder(640, 480);
    assertThat(decoder.decode(ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN), ARRIVAL_US, collect))
        .isEqualTo(MalformedReason.OUTSIDE_SENSOR);
  }

  @Test
  void aLengthNotAMultipleOfFourIsSkippedWhole() {
    byte[] bytes = new byte[9];
    assertThat(new SpifDatagramDecoder(640, 480).decode(ByteBuffer.wrap(bytes), ARRIVAL_US, collect))
        .isEqualTo(MalformedReason.LENGTH_NOT_MULTIPLE_OF_4);
    assertThat(decoded).isEmpty();
  }

  @Test
  void aTimestampFlagOnTheLastWordIsSkippedWhole() {
    byte[] bytes = SpifDatagrams.words(ByteOrder.LITTLE_ENDIAN,
        SpifDatagrams.word(1, 1, true, false),
        SpifDatagrams.word(2, 2, true, true)); // promises a timestamp word that is not there
    assertThat(new SpifDatagramDecoder(640, 480).decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN),
        ARRIVAL_US, collect)).isEqualTo(MalformedReason.MISSING_TIMESTAMP_WORD);
    assertThat(decoded).as("no event of a malformed datagram is delivered").isEmpty();
  }

  @Test
  void coordinatesOutsideTheSensorAreSkippedWhole() {
    SpifDatagramDecoder decoder = new SpifDatagramDecoder(640, 480);
    byte[] xTooLarge = SpifDatagrams.words(ByteOrder.LITTLE_ENDIAN,
        SpifDatagrams.word(1, 1, true, false), SpifDatagrams.word(640, 0, true, false));
    byte[] yTooLarge = SpifDatagrams.words(ByteOrder.LITTLE_ENDIAN,
        SpifDatagrams.word(1, 1, true, false), SpifDatagrams.word(0, 480, true, false));
    assertThat(decoder.decode(ByteBuffer.wrap(xTooLarge).order(ByteOrder.LITTLE_ENDIAN), ARRIVAL_US, collect))
        .isEqualTo(MalformedReason.OUTSIDE_SENSOR);
    assertThat(decoder.decode(ByteBuffer.wrap(yTooLarge).order(ByteOrder.LITTLE_ENDIAN), ARRIVAL_US, collect))
        .isEqualTo(MalformedReason.OUTSIDE_SENSOR);
    assertThat(decoded).isEmpty();
  }

  @Test
  void sensorTimestampsAreUnwrappedAcrossDatagrams() {
    SpifDatagramDecoder decoder = new SpifDatagramDecoder(640, 480);
    int word = SpifDatagrams.word(3, 4, true, true);
    decoder.decode(ByteBuffer.wrap(SpifDatagrams.words(ByteOrder.LITTLE_ENDIAN, word, 0xFFFF_FF00))
        .order(ByteOrder.LITTLE_ENDIAN), ARRIVAL_US, collect);
    decoder.decode(ByteBuffer.wrap(SpifDatagrams.words(ByteOrder.LITTLE_ENDIAN, word, 0x10))
        .order(ByteOrder.LITTLE_ENDIAN), ARRIVAL_US, collect);
    assertThat(decoded).extracting(Decoded::timestampUs).containsExactly(0xFFFF_FF00L, (1L << 32) + 0x10);
  }

  @Test
  void countsEventsOfADatagramWithoutDecodingIt() {
    byte[] bytes = SpifDatagrams.words(ByteOrder.BIG_ENDIAN,
        SpifDatagrams.word(1, 1, true, true), 77,
        SpifDatagrams.word(1, 1, true, false),
        SpifDatagrams.word(1, 1, true, false));
    assertThat(SpifDatagramDecoder.countEvents(ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN))).isEqualTo(3);
  }
}
