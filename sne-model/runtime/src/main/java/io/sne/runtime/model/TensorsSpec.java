package io.sne.runtime.model;

/** Integrity of the tensor bytes: hex SHA-256 of the whole safetensors data section. */
public record TensorsSpec(String sha256) {}
