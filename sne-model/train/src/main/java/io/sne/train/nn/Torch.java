package io.sne.train.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * One place that prepares libtorch: offline (the native library comes from the
 * pytorch-native-cpu jar, never from the network), a fixed seed, and a thread count. On a busy
 * 2-core box one intra-op thread is far faster than two, so 1 is the default.
 */
public final class Torch {
  private Torch() {}

  public static void init(int threads, long seed) {
    if (System.getProperty("DJL_OFFLINE") == null && System.getenv("DJL_OFFLINE") == null) {
      System.setProperty("DJL_OFFLINE", "true");
    }
    Engine engine = Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(Math.max(1, threads));
    engine.setRandomSeed((int) seed);
  }
}
