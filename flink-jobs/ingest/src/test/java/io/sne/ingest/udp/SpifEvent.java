package io.sne.ingest.udp;

/** One event as a test sender means it: sensor time (ignored when sent without timestamp), x, y, polarity. */
record SpifEvent(long timestampUs, int x, int y, boolean on) {}
