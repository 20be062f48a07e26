package io.sne.runtime.model;

/** One calibrated operating point of the gate: accuracy vs mean energy on validation data. */
public record ParetoPoint(Integer k, Double threshold, double accuracy, double meanEnergyPj) {}
