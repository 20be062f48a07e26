package io.sne.runtime.model;

/** Non-spiking linear readout of a student, averaged over the window's T steps. */
public record ReadoutSpec(int in, int out) {}
