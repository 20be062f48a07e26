package io.sne.train;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Every training option, with its default. Loaded from YAML (unknown keys are an error naming the
 * key); documented in docs/training.md. Public fields keep the YAML binding and the docs one-to-one.
 */
public final class TrainConfig {
  public String name = "fmnist-direct";
  public long seed = 42;
  /**
   * Seeds the partition, students and head (null = seed). Changing only this repeats the
   * distillation on the same data split and teacher: run-to-run noise of a comparison.
   */
  public Long distillSeed = null;
  /** libtorch intra-op threads; 1 is fastest on a busy 2-core box. */
  public int threads = 1;
  /** Checkpoints, log and the training summary go here; rerunning resumes from it. */
  public String workDir = ".sne/train";
  /** The model file to write. */
  public String output = "samples/models/fmnist-direct.safetensors";
  public Dataset dataset = new Dataset();
  public Teacher teacher = new Teacher();
  public PartitionOptions partition = new PartitionOptions();
  public Student student = new Student();
  public Head head = new Head();
  public Gate gate = new Gate();
  public Baseline baseline = new Baseline();

  public static final class Dataset {
    /**
     * fashion-mnist, mnist, cifar10 (binary), fashion-mnist-events (emulated DVS recordings of Fashion-MNIST), or
     * event-folder (labelled recordings: an N-MNIST-style tree or a folder with labels.csv, at path).
     */
    public String name = "fashion-mnist";
    /** Directory of the files; null = the dataset's default (Fashion-MNIST: /usr/share/datasets/fashion-mnist). */
    public String path = null;
    /** Use only this many training / test images (0 = all). */
    public int trainLimit = 0;
    public int testLimit = 0;
    /** Held out from the training set for head early checks and gate calibration. */
    public int validation = 5000;
    /** Event datasets: threads that emulate DVS recordings (each sample is deterministic, so any count gives the same events). */
    public int emulationThreads = 2;
    /** event-folder: the split folder (N-MNIST tree, case-insensitive) or labels.csv split value of the training / test recordings. */
    public String trainSplit = "train";
    public String testSplit = "test";
  }

  public static final class Teacher {
    /** builtin: the CNN trained here; imported: precomputed features (.npy) plus a linear head (safetensors), see docs/training.md. */
    public String kind = "builtin";
    /** imported: features of the training / test split, .npy float32 [N, D], row i = sample i of the split in file order. */
    public String trainFeatures = null;
    public String testFeatures = null;
    /** imported: safetensors holding the head W [C, D] and b [C]; tensor names (null = weight, head.weight, fc.weight, ... tried in turn). */
    public String head = null;
    public String headWeight = null;
    public String headBias = null;
    /** imported: the model's multiply-accumulates per input (required: the energy ratio is priced from it). */
    public long macs = 0;
    public int conv1 = 32;
    public int conv2 = 64;
    public int hidden = 128;
    public int featureDim = 64;
    public int epochs = 3;
    public int batchSize = 64;
    public float learningRate = 2e-3f;
    /** Learning-rate schedule over the teacher's epochs: constant or cosine (decays to 0 by the last epoch). */
    public String schedule = "constant";
    /** Augmentation of the teacher's training images: random shift of up to this many pixels, and random horizontal flips. */
    public int augmentShiftPx = 0;
    public boolean augmentFlip = false;
    /** Dropout probability on the teacher's hidden layer while training (never on the feature f). */
    public float dropout = 0f;
    /** Fine-tuned variant: epochs of slice dropout after partitioning (0 = frozen teacher). */
    public int sliceDropoutEpochs = 0;
    public float sliceDropoutProbability = 0.25f;
    /** Where the teacher's checkpoints live (null = workDir): models sharing a dataset can share one teacher. */
    public String checkpointDir = null;
  }

  public static final class PartitionOptions {
    /** sequential, random, correlation, class-aware, spread or probe-draft (see docs/training.md). */
    public String scheme = "correlation";
    public int students = 4;
  }

  public static final class Student {
    public int timeSteps = 4;
    /** Event encoding only: bin width and frame type (count or binary); the sensor is 34x34. */
    public long dtUs = 30_000;
    public String frame = "count";
    public int convChannels = 8;
    public int kernel = 3;
    public int stride = 1;
    public int padding = 1;
    /** A second conv LIF layer after the first (same kernel and padding); 0 channels = none. */
    public int conv2Channels = 0;
    public int conv2Stride = 1;
    /** sum or avg; poolKernel 1 = no pooling layer. */
    public String pool = "sum";
    public int poolKernel = 2;
    public int hidden = 64;
    public float beta = 0.9f;
    public float threshold = 1.0f;
    public String convReset = "subtract";
    public String denseReset = "subtract";
    /** fast-sigmoid or arctan. */
    public String surrogate = "fast-sigmoid";
    public float surrogateSlope = 5f;
    public float initGain = 1.5f;
    public int epochs = 3;
    public int batchSize = 64;
    public float learningRate = 3e-3f;
    /** constant or cosine (decayed per epoch from learningRate towards 0, as the teacher's recipe). */
    public String schedule = "constant";
    /** Weight of the mean firing rate in the loss: the lever that makes spikes (energy) cheap. */
    public float rateWeight = 0.05f;
    /** Weight of the logit distillation term (0 = slice MSE only) and its temperature. */
    public float kdWeight = 0f;
    public float kdTemperature = 2f;
    /** Train students on this many training samples (0 = all). */
    public int trainLimit = 0;
    /**
     * Augmentation of the students' training images (direct encoding with the builtin teacher only): shift and flip as the
     * teacher's, drawn afresh every epoch, the teacher run on each augmented batch for the targets.
     */
    public int augmentShiftPx = 0;
    public boolean augmentFlip = false;
    /** Sensor noise added to the students' training frames (events encoding only); off by default. */
    public EventNoise eventNoise = new EventNoise();
    /**
     * Edge filters (the specs of {@code sne replay --filter} that keep the sensor size) every emulated recording passes
     * before it is binned, for a model deployed behind them; {@code sne eval} and {@code sne demo} apply them too.
     */
    public java.util.List<String> eventFilters = new java.util.ArrayList<>();
    /**
     * How the students' tensors are stored in the model file: f32, f16 or bf16. A narrower storage
     * halves the file; the trained students are rounded to it before their outputs, head and gate
     * are computed, so every figure of the run is of the weights the file holds.
     */
    public String storage = "f32";
  }

  /**
   * Event-noise augmentation (see EventFrameNoise): each training sample, with this probability,
   * gets one of background activity, hot pixels or event drop at a level uniform in [0, max].
   */
  public static final class EventNoise {
    public double probability = 0;
    /** Background activity, Hz per input pixel (random polarity). */
    public double maxBackgroundHz = 10;
    /** Fraction of input pixels firing at 1 kHz. */
    public double maxHotPixels = 0.02;
    /** Probability of dropping each event. */
    public double maxDrop = 0.5;

    EventFrameNoise toNoise() {
      return new EventFrameNoise(probability, maxBackgroundHz, maxHotPixels, maxDrop);
    }
  }

  public static final class Head {
    /** uniform, nested, bernoulli or none. */
    public String dropout = "uniform";
    public float keepProbability = 0.5f;
    public int epochs = 5;
    public int batchSize = 128;
    public float learningRate = 1e-3f;
  }

  public static final class Gate {
    /** fixed-k, cascade or learned: the policy written as the model's default (all three are calibrated and on the Pareto curve). */
    public String policy = "cascade";
    /** The default operating point is the cheapest within this accuracy loss of all students. */
    public double maxAccuracyLoss = 0.01;
    /** Calibrate on this many of the validation samples (0 = all). */
    public int validationLimit = 0;
  }

  public static final class Baseline {
    /** Epochs of the compact ANN of one student's shape trained directly (0 = skip). */
    public int annEpochs = 3;
  }

  public static TrainConfig load(Path file) throws IOException {
    if (file == null) return new TrainConfig();
    if (!Files.isRegularFile(file)) throw new IOException("config file not found: " + file);
    Yaml yaml = new Yaml(new Constructor(TrainConfig.class, new LoaderOptions()));
    try (Reader r = Files.newBufferedReader(file)) {
      TrainConfig c = yaml.load(r);
      return c == null ? new TrainConfig() : c;
    } catch (YAMLException e) {
      String msg = String.valueOf(e.getMessage());
      // SnakeYAML nests the useful part ("Unable to find property 'x' on class: ...Student") a few lines down
      String detail = msg.lines().filter(l -> l.contains("Unable to find property")).findFirst()
          .map(l -> l.trim().replace("io.sne.train.TrainConfig$", "section ")).orElse(msg.lines().findFirst().orElse("invalid YAML"));
      String where = msg.lines().filter(l -> l.trim().startsWith("in 'reader', line")).reduce((a, b) -> b).map(String::trim).orElse("");
      throw new IOException(file + ": " + detail + (where.isEmpty() ? "" : " (" + where + ")")
          + "; every key is listed in docs/training.md", e);
    }
  }

  /**
   * The --quick profile: a small subset and few epochs, minutes on 2 cores. Its checkpoints and
   * model go to their own places, so a quick run never resumes from (or overwrites) a full one.
   */
  public TrainConfig quick() {
    workDir = workDir + "-quick";
    output = Path.of(workDir).resolve(name + "-quick.safetensors").toString();
    if (teacher.checkpointDir != null) teacher.checkpointDir = teacher.checkpointDir + "-quick";
    dataset.trainLimit = 6000;
    dataset.testLimit = 1000;
    dataset.validation = 1000;
    teacher.epochs = Math.min(teacher.epochs, 2);
    // augmentation and dropout pay off over many epochs; in two short ones they only slow learning
    teacher.augmentShiftPx = 0;
    teacher.augmentFlip = false;
    teacher.dropout = 0;
    student.augmentShiftPx = 0;
    student.augmentFlip = false;
    student.epochs = Math.min(student.epochs, 2);
    head.epochs = Math.min(head.epochs, 3);
    baseline.annEpochs = Math.min(baseline.annEpochs, 2);
    return this;
  }
}
