package io.sne.runtime.model;

/** The teacher the students were distilled from: its MACs per input price its energy. */
public record TeacherSpec(String name, long macs, Double accuracy) {}
