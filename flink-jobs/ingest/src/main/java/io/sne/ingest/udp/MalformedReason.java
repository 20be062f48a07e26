package io.sne.ingest.udp;

/** Why a whole datagram was skipped. Labels appear in status lines and docs/ingest.md. */
public enum MalformedReason {
  LENGTH_NOT_MULTIPLE_OF_4("bad-length"),
  MISSING_TIMESTAMP_WORD("missing-timestamp"),
  OUTSIDE_SENSOR("outside-sensor");

  public final String label;

  MalformedReason(String label) {
    this.label = label;
  }
}
