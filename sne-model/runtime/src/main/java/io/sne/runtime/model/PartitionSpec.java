package io.sne.runtime.model;

import java.util.List;

/** The teacher feature space cut into disjoint slices, one per student (slice i = student i's output). */
public record PartitionSpec(String scheme, int featureDim, String featureSpace, List<int[]> slices) {
  public PartitionSpec {
    slices = List.copyOf(slices);
  }
}
