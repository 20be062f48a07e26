package io.sne.runtime.model;

/** Energy defaults recorded in the model: the device profile to price with unless told otherwise. */
public record EnergySpec(String defaultProfile) {}
