package io.sne.job.input;

import io.sne.schemas.DeadLetter;

/**
 * What the Kafka source emits for every record: either a usable {@link #packet} or the {@link
 * #deadLetter} explaining why the record was rejected (exactly one is set). Carrying rejections
 * as data instead of throwing keeps one bad record from failing the job. A Flink POJO.
 */
public final class DecodedRecord {
  public StreamPacket packet;
  public DeadLetter deadLetter;

  public DecodedRecord() {}

  public static DecodedRecord accepted(StreamPacket packet) {
    DecodedRecord r = new DecodedRecord();
    r.packet = packet;
    return r;
  }

  public static DecodedRecord rejected(DeadLetter deadLetter) {
    DecodedRecord r = new DecodedRecord();
    r.deadLetter = deadLetter;
    return r;
  }

  public boolean isAccepted() {
    return packet != null;
  }
}
