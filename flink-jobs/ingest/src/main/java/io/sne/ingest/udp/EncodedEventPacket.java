package io.sne.ingest.udp;

/**
 * One EventPacket ready to send: the Avro single-object encoding plus what a sink needs without
 * decoding it (the Kafka key, and the counts for metrics).
 */
public record EncodedEventPacket(String streamId, long sequence, int eventCount, boolean endOfStream, byte[] avro) {}
