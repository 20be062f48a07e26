package io.sne.runtime.model;

/**
 * One calibrated operating point of the gate: accuracy vs mean energy on validation data. policy and
 * meanStudents are optional (older files lack them): which gate policy gave the point and how many
 * students it ran on average.
 */
public record ParetoPoint(
    String policy, Integer k, Double threshold, double accuracy, Double meanStudents, double meanEnergyPj) {}
