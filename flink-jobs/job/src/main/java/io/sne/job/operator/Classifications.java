package io.sne.job.operator;

import io.sne.runtime.energy.EnergyReport;
import io.sne.runtime.ensemble.Decision;
import io.sne.runtime.model.SneModel;
import io.sne.schemas.Classification;
import io.sne.schemas.EnergyCounters;
import java.util.ArrayList;
import java.util.List;

/** Turns the runtime's {@link Decision} for one window into the {@link Classification} record. */
public final class Classifications {
  private static final int SHA_PREFIX = 12;

  private Classifications() {}

  /** Model id as the schema defines it: name plus the SHA-256 prefix of its tensors. */
  public static String modelId(SneModel model) {
    String sha = model.sha256();
    return model.name() + "@" + (sha.length() > SHA_PREFIX ? sha.substring(0, SHA_PREFIX) : sha);
  }

  public static String modelVersion(SneModel model) {
    var provenance = model.manifest().provenance();
    String created = provenance == null ? "" : provenance.path("createdAt").asText("");
    return "sne-model/" + model.manifest().formatVersion() + (created.isEmpty() ? "" : " " + created);
  }

  public static Classification of(String streamId, long windowIndex, long windowUs, Integer trueLabel, Decision d,
      String modelId, String modelVersion, long processedAtMs) {
    List<Float> probabilities = new ArrayList<>(d.probabilities().length);
    for (float p : d.probabilities()) {
      probabilities.add(p);
    }
    List<Integer> studentsRun = new ArrayList<>(d.studentsRun().length);
    List<Long> spikes = new ArrayList<>(d.studentsRun().length);
    EnergyReport e = d.energy();
    for (int student : d.studentsRun()) {
      studentsRun.add(student);
      spikes.add(e.spikesPerStudent()[student]);
    }
    long startUs = windowIndex * windowUs;
    return Classification.newBuilder()
        .setStreamId(streamId)
        .setWindowIndex(windowIndex)
        .setWindowStartUs(startUs)
        .setWindowEndUs(startUs + windowUs)
        .setPredictedClass(d.predictedClass())
        .setPredictedLabel(d.label())
        .setConfidence(d.confidence())
        .setProbabilities(probabilities)
        .setTrueLabel(trueLabel)
        .setStudentsRun(studentsRun)
        .setEnergy(EnergyCounters.newBuilder()
            .setInputEvents(e.inputEvents())
            .setSpikesPerStudent(spikes)
            .setSynapticOps(e.synapticOps())
            .setNeuronUpdates(e.neuronUpdates())
            .setMacs(e.macs())
            .setEnergyPj(e.energyPj())
            .setTeacherEnergyPj(e.teacherEnergyPj())
            // The schema's ratio is teacher / ensemble (> 1 = cheaper); the runtime reports the inverse.
            .setEnergyRatio(e.energyRatio())
            .setDeviceProfile(e.profile())
            .build())
        .setModelId(modelId)
        .setModelVersion(modelVersion)
        .setProcessedAtMs(processedAtMs)
        .build();
  }
}
