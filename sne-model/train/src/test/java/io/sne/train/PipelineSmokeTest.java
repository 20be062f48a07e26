package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.train.data.Datasets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSmokeTest {
  @Test
  void runs(@TempDir Path dir) throws Exception {
    TrainConfig c = new TrainConfig();
    c.workDir = dir.toString();
    c.output = dir.resolve("m.safetensors").toString();
    c.dataset.trainLimit = 2000;
    c.dataset.testLimit = 500;
    c.dataset.validation = 500;
    c.teacher.conv1 = 8; c.teacher.conv2 = 16; c.teacher.hidden = 64; c.teacher.featureDim = 32;
    c.teacher.epochs = 1; c.student.epochs = 1; c.head.epochs = 2;
    c.student.convChannels = 4; c.student.hidden = 32;
    EnergyMeter m = new EnergyMeter() {
      public double[] studentMeanEnergyPj(Path model, StudentInputs inputs) { return new double[] {1, 1, 1, 1}; }
      public double headEnergyPj(Path model) { return 0.1; }
      public double annEnergyPj(long macs) { return macs * 4.6; }
    };
    TrainPipeline.Result r = new TrainPipeline(c, InputEncoder.direct(1, 28, 28, 4), m).run(Datasets.fashionMnist(null));
    System.err.println(r.summary());
    assertThat(r.model()).exists();
  }
}
