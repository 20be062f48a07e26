package io.sne.ingest.udp;

/** Where the benchmark's packets go: encoded and discarded, or published to an embedded Kafka broker. */
final class BenchSinks {
  private BenchSinks() {}

  interface Factory extends AutoCloseable {
    String name();

    PacketSink create(IngestMetrics metrics);

    @Override
    void close() throws Exception;
  }

  static Factory open(String kind) throws Exception {
    if (kind.equals("none")) {
      return new Factory() {
        @Override
        public String name() {
          return "none (packets encoded, then discarded)";
        }

        @Override
        public PacketSink create(IngestMetrics metrics) {
          return new DiscardingSink(metrics);
        }

        @Override
        public void close() {}
      };
    }
    throw new IllegalArgumentException("sink must be none or kafka, got " + kind);
  }
}
