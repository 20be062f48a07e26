package io.sne.runtime.model;

/** The ensemble head {@code h(f) = W f + b}; weights in tensors head.weight, head.bias. */
public record HeadSpec(int classes) {}
