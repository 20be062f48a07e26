package io.sne.ingest.replay;

/**
 * One encoded packet of a replayed stream (Avro single-object encoding of an EventPacket), with
 * the times the replay paces it by: its first and last event time (both 0 when it has no events).
 */
record ReplayPacket(String streamId, byte[] avro, int events, long firstUs, long lastUs) {}
