package io.sne.job;

import io.sne.schemas.Classification;
import io.sne.schemas.DeadLetter;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the job's two outputs go, applied when the graph is defined: the transactional Kafka sinks
 * in production, collecting sinks in tests.
 */
public record Sinks(Consumer<DataStream<Classification>> classifications, Consumer<DataStream<DeadLetter>> deadLetters) {}
