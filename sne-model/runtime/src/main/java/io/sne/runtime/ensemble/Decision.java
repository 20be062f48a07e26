package io.sne.runtime.ensemble;

import io.sne.runtime.energy.EnergyReport;

/**
 * One classification: the head's prediction from the students that ran.
 *
 * @param predictedClass argmax of the head's logits
 * @param label the class name from the model's labels (or the index as text)
 * @param probabilities softmax of the head's logits
 * @param studentsRun students that ran, in the order they ran
 * @param features the assembled teacher-feature estimate f^ (inactive slices hold their means)
 * @param energy exact operation counts and their price
 */
public record Decision(
    int predictedClass,
    String label,
    float[] probabilities,
    int[] studentsRun,
    float[] features,
    EnergyReport energy) {

  public float confidence() {
    return probabilities[predictedClass];
  }
}
