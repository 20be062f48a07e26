package io.sne.runtime.ensemble;

import io.sne.runtime.encode.EventFrameEncoder;
import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.encode.StepInput;
import io.sne.runtime.energy.EnergyProfile;
import io.sne.runtime.energy.EnergyReport;
import io.sne.runtime.model.GateSpec;
import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.TensorNames;
import io.sne.runtime.snn.SpikeEvents;
import io.sne.runtime.snn.StudentNetwork;
import io.sne.runtime.snn.StudentState;
import java.util.Arrays;

/**
 * The spiking neural ensemble, ready to run: students compiled for event-driven execution, the
 * head, the gate and an energy profile. Read-only and thread-safe; per-stream state lives in a
 * {@link StreamState}, per-thread scratch in a thread-local workspace.
 *
 * <p>Two ways in. Batch: {@link #classify(EventWindow)} / {@link #classify(float[])}. Streaming:
 * {@link #newState()}, then per time step {@link #step(StreamState, StepInput)} (call it for empty
 * steps too: neurons leak), then {@link #finishWindow(StreamState)}. Live students (the first k of
 * the gate order for fixed-k, the first one otherwise) run step by step; a cascade or learned gate
 * replays the buffered window through the students it calls at the end.
 */
public final class SneEnsemble {
  private final SneModel model;
  private final EnergyProfile profile;
  private final InputSpec input;
  private final StudentNetwork[] students;
  private final EnsembleHead head;
  private final GateSpec gate;
  private final int[] order;
  private final int liveCount;
  private final boolean replayNeeded;
  private final float[] gateWeight;
  private final float[] gateBias;
  private final EventFrameEncoder encoder;
  private final double teacherEnergyPj;
  private final ThreadLocal<Workspace> workspace = ThreadLocal.withInitial(Workspace::new);

  public SneEnsemble(SneModel model, EnergyProfile profile) {
    this.model = model;
    this.profile = profile;
    this.input = model.input();
    this.students = new StudentNetwork[model.studentCount()];
    for (int i = 0; i < students.length; i++) {
      students[i] = new StudentNetwork(model, i);
    }
    this.head = new EnsembleHead(model);
    this.gate = model.manifest().gate();
    this.order = gate.order().clone();
    this.liveCount = GateSpec.FIXED_K.equals(gate.policy()) ? gate.k() : 1;
    this.replayNeeded = !GateSpec.FIXED_K.equals(gate.policy()) && order.length > 1;
    boolean learned = GateSpec.LEARNED.equals(gate.policy());
    this.gateWeight = learned ? model.values(TensorNames.GATE_WEIGHT, 0) : null;
    this.gateBias = learned ? model.values(TensorNames.GATE_BIAS, 0) : null;
    this.encoder = input.events() ? new EventFrameEncoder(input) : null;
    this.teacherEnergyPj = model.teacherMacs() * profile.macPj();
  }

  /** With the profile the model names as its default (horowitz45-fp32 when it names none). */
  public static SneEnsemble of(SneModel model) {
    var energy = model.manifest().energy();
    String name = energy == null || energy.defaultProfile() == null ? "horowitz45-fp32" : energy.defaultProfile();
    return new SneEnsemble(model, EnergyProfile.builtin(name));
  }

  public SneModel model() {
    return model;
  }

  public EnergyProfile profile() {
    return profile;
  }

  /** The event binning for this model (null for a direct model). */
  public EventFrameEncoder encoder() {
    return encoder;
  }

  public int inputSize() {
    return input.size();
  }

  public int studentCount() {
    return students.length;
  }

  public StudentNetwork student(int i) {
    return students[i];
  }

  /** Students in gate order. */
  public int[] order() {
    return order.clone();
  }

  /** A reusable step input for this model (one per thread). */
  public StepInput newStepInput() {
    return new StepInput(input);
  }

  // ---------------------------------------------------------------- streaming

  /** A fresh per-stream state at the start of a window. */
  public StreamState newState() {
    StudentState[] live = new StudentState[liveCount];
    for (int i = 0; i < liveCount; i++) {
      live[i] = students[order[i]].newState();
    }
    return new StreamState(model.sha256(), live, replayNeeded ? new WindowBuffer(input.timeSteps()) : null);
  }

  /** One time step of input into the stream's window; {@code in} is drained. */
  public void step(StreamState s, StepInput in) {
    if (s.step >= input.timeSteps()) {
      throw new IllegalStateException("the window already has T=" + input.timeSteps()
          + " steps; call finishWindow first");
    }
    Workspace ws = workspace.get();
    s.inputEvents += in.events();
    s.onEvents += in.onEvents();
    in.drainTo(ws.events);
    advance(s, ws);
  }

  private void advance(StreamState s, Workspace ws) {
    s.activeInputs += ws.events.size();
    for (int i = 0; i < s.live.length; i++) {
      int student = order[i];
      students[student].step(s.live[i], ws.events, ws.scratch[student]);
    }
    if (s.replay != null) {
      s.replay.append(ws.events);
    }
    s.step++;
  }

  /**
   * Ends the window: steps missing up to T run empty (leak only), the gate calls further students
   * (replaying the window), the head decides. {@code s} is reset for the next window.
   */
  public Decision finishWindow(StreamState s) {
    Workspace ws = workspace.get();
    while (s.step < input.timeSteps()) {
      ws.events.clear();
      advance(s, ws);
    }
    Decision d = decide(ws, s, null);
    s.reset();
    return d;
  }

  // ---------------------------------------------------------------- batch

  /** Classifies one window of events under the model's gate. */
  public Decision classify(EventWindow w) {
    Workspace ws = workspace.get();
    bin(w, ws);
    return decide(ws, ws.batch, null);
  }

  /** Classifies one image (direct models) under the model's gate. */
  public Decision classify(float[] image) {
    Workspace ws = workspace.get();
    bin(image, ws);
    return decide(ws, ws.batch, null);
  }

  /** Runs exactly the first {@code k} students of the gate order (evaluation of k active students). */
  public Decision classifyWithStudents(EventWindow w, int k) {
    return classifyWithStudents(w, firstK(k));
  }

  public Decision classifyWithStudents(float[] image, int k) {
    return classifyWithStudents(image, firstK(k));
  }

  /** Runs exactly these students, in this order, whatever the gate says. */
  public Decision classifyWithStudents(EventWindow w, int[] studentsToRun) {
    Workspace ws = workspace.get();
    bin(w, ws);
    return decide(ws, ws.batch, checked(studentsToRun));
  }

  public Decision classifyWithStudents(float[] image, int[] studentsToRun) {
    Workspace ws = workspace.get();
    bin(image, ws);
    return decide(ws, ws.batch, checked(studentsToRun));
  }

  private int[] firstK(int k) {
    if (k < 1 || k > order.length) {
      throw new IllegalArgumentException("k must be in [1, " + order.length + "], got " + k);
    }
    return Arrays.copyOf(order, k);
  }

  private int[] checked(int[] list) {
    boolean[] seen = new boolean[students.length];
    for (int s : list) {
      if (s < 0 || s >= students.length || seen[s]) {
        throw new IllegalArgumentException("students to run must be distinct indices in [0, " + students.length
            + "), got " + Arrays.toString(list));
      }
      seen[s] = true;
    }
    return list.clone();
  }

  /**
   * Bins a window's events step by step. Time-ordered events (the normal case) need no division per
   * event: only a comparison with the current step's end; out-of-order ones fall back to bucketing.
   */
  private void bin(EventWindow w, Workspace ws) {
    if (encoder == null) {
      throw new IllegalStateException("model '" + model.name() + "' takes images (direct encoding), not events");
    }
    StreamState s = ws.batch;
    s.reset();
    StepInput in = ws.stepInput;
    in.clear();
    final long start = w.windowStartUs();
    final long dt = input.dtUs();
    final long end = start + input.windowUs();
    final long[] t = w.tUs();
    final int[] x = w.x();
    final int[] y = w.y();
    final byte[] p = w.p();
    int current = 0;
    long stepStart = start;
    long stepEnd = start + dt;
    for (int e = 0, n = w.n(); e < n; e++) {
      long te = t[e];
      if (te >= stepEnd) {
        if (te >= end) {
          continue;
        }
        int step = (int) ((te - start) / dt);
        while (current < step) {
          flush(s, in, ws);
          current++;
        }
        stepStart = start + step * dt;
        stepEnd = stepStart + dt;
      } else if (te < stepStart) {
        if (te < start && current == 0) {
          continue;
        }
        binUnordered(w, ws);
        return;
      }
      in.addEvent(encoder.inputIndex(x[e], y[e], p[e]));
    }
    while (current < input.timeSteps()) {
      flush(s, in, ws);
      current++;
    }
  }

  /** The rare out-of-order window: bucket events by step first (allocates, unlike the ordered path). */
  private void binUnordered(EventWindow w, Workspace ws) {
    StreamState s = ws.batch;
    s.reset();
    StepInput in = ws.stepInput;
    in.clear();
    int t = input.timeSteps();
    int[] start = new int[t + 1];
    int[] steps = new int[w.n()];
    for (int e = 0; e < w.n(); e++) {
      steps[e] = encoder.stepOf(w.tUs()[e], w.windowStartUs());
      if (steps[e] >= 0) {
        start[steps[e] + 1]++;
      }
    }
    for (int i = 0; i < t; i++) {
      start[i + 1] += start[i];
    }
    int[] byStep = new int[start[t]];
    int[] fill = Arrays.copyOf(start, t);
    for (int e = 0; e < w.n(); e++) {
      if (steps[e] >= 0) {
        byStep[fill[steps[e]]++] = e;
      }
    }
    for (int step = 0; step < t; step++) {
      for (int i = start[step]; i < start[step + 1]; i++) {
        int e = byStep[i];
        in.addEvent(encoder.inputIndex(w.x()[e], w.y()[e], w.p()[e]));
      }
      flush(s, in, ws);
    }
  }

  private void bin(float[] image, Workspace ws) {
    if (encoder != null) {
      throw new IllegalStateException("model '" + model.name() + "' takes events, not images (direct encoding)");
    }
    StreamState s = ws.batch;
    s.reset();
    ws.stepInput.setImage(image);
    for (int t = 0; t < input.timeSteps(); t++) {
      flush(s, ws.stepInput, ws);
    }
    ws.stepInput.clear();
  }

  private void flush(StreamState s, StepInput in, Workspace ws) {
    s.inputEvents += in.events();
    s.onEvents += in.onEvents();
    in.drainTo(ws.events);
    advance(s, ws);
  }

  // ---------------------------------------------------------------- gate, head, energy

  private Decision decide(Workspace ws, StreamState s, int[] forced) {
    float[] logits = ws.logits;
    float[] probabilities = ws.probabilities;
    head.start(logits);
    long extraMacs = 0;
    int[] run = new int[students.length];
    int runCount = 0;
    if (forced != null) {
      for (int student : forced) {
        extraMacs += runStudent(ws, s, student, logits);
        run[runCount++] = student;
      }
    } else if (GateSpec.FIXED_K.equals(gate.policy())) {
      for (int i = 0; i < gate.k(); i++) {
        extraMacs += runStudent(ws, s, order[i], logits);
        run[runCount++] = order[i];
      }
    } else if (GateSpec.CASCADE.equals(gate.policy())) {
      for (int i = 0; i < order.length; i++) {
        extraMacs += runStudent(ws, s, order[i], logits);
        run[runCount++] = order[i];
        extraMacs += head.softmax(logits, probabilities);
        if (confident(probabilities)) {
          break;
        }
      }
    } else {
      extraMacs += runStudent(ws, s, order[0], logits);
      run[runCount++] = order[0];
      float[] g = gateFeatures(inputCount(s), s.onEvents, s.activeInputs, ws.state(s, order[0]).spikes());
      for (int i = 1; i < order.length; i++) {
        int student = order[i];
        extraMacs += g.length;
        if (GateFeatures.score(gateWeight, gateBias, student, g) > 0f) {
          extraMacs += runStudent(ws, s, student, logits);
          run[runCount++] = student;
        }
      }
    }
    if (forced != null || !GateSpec.CASCADE.equals(gate.policy())) {
      extraMacs += head.softmax(logits, probabilities); // a cascade has just computed it
    }
    StudentRun[] byStudent = new StudentRun[students.length];
    for (int i = 0; i < runCount; i++) {
      byStudent[run[i]] = StudentRun.of(ws.state(s, run[i]), ws.outputs[run[i]]);
    }
    Arrays.fill(ws.replayed, false);
    return decision(byStudent, Arrays.copyOf(run, runCount), inputCount(s), probabilities, logits, extraMacs);
  }

  private boolean confident(float[] p) {
    float best = Float.NEGATIVE_INFINITY;
    float second = Float.NEGATIVE_INFINITY;
    for (float x : p) {
      if (x > best) {
        second = best;
        best = x;
      } else if (x > second) {
        second = x;
      }
    }
    if (gate.margin() != null) {
      return best - second >= gate.margin();
    }
    return best >= gate.confidence();
  }

  /** Runs (or takes the live run of) a student, adds it to the head; returns the head MACs. */
  private long runStudent(Workspace ws, StreamState s, int student, float[] logits) {
    StudentState st = ws.state(s, student);
    if (st == null) {
      st = replay(ws, s, student);
    }
    students[student].output(st, ws.outputs[student]);
    return head.add(logits, student, ws.outputs[student]);
  }

  /** Runs a student over the window's buffered input, in the workspace's replay state for it. */
  private StudentState replay(Workspace ws, StreamState s, int student) {
    StudentState st = ws.replayStates[student];
    st.reset();
    for (int t = 0; t < s.replay.steps(); t++) {
      s.replay.load(t, ws.events);
      students[student].step(st, ws.events, ws.scratch[student]);
    }
    ws.replayed[student] = true;
    return st;
  }

  /** The live state of a student in this window, or null when it is not one of the live students. */
  private StudentState liveState(StreamState s, int student) {
    for (int i = 0; i < s.live.length; i++) {
      if (order[i] == student) {
        return s.live[i];
      }
    }
    return null;
  }

  private Decision decision(StudentRun[] byStudent, int[] run, long inputEvents, float[] probabilities,
      float[] logits, long extraMacs) {
    int best = 0;
    for (int c = 1; c < logits.length; c++) {
      if (logits[c] > logits[best]) {
        best = c;
      }
    }
    long[] spikesPerStudent = new long[students.length];
    long[][] spikesPerLayer = new long[students.length][];
    long sops = 0;
    long macs = extraMacs;
    long updates = 0;
    long active = 0;
    float[][] outputs = new float[students.length][];
    for (int i = 0; i < students.length; i++) {
      spikesPerLayer[i] = new long[students[i].layerCount()];
    }
    for (int student : run) {
      StudentRun r = byStudent[student];
      spikesPerLayer[student] = r.spikesPerLayer().clone();
      spikesPerStudent[student] = r.spikes();
      sops += r.synapticOps();
      macs += r.macs();
      updates += r.neuronUpdates();
      active += r.activeNeuronUpdates();
      outputs[student] = r.output();
    }
    double energy = profile.price(macs, sops, updates, active);
    EnergyReport report = new EnergyReport(profile.name(), inputEvents, spikesPerStudent, spikesPerLayer, sops,
        updates, active, macs, energy, teacherEnergyPj, teacherEnergyPj > 0 ? energy / teacherEnergyPj : Double.NaN);
    String label = best < model.labels().size() ? model.labels().get(best) : String.valueOf(best);
    return new Decision(best, label, probabilities.clone(), run, head.features(run, outputs), report);
  }

  // ---------------------------------------------------------------- evaluation: run once, combine many

  /** Runs every student once over the window (for evaluating many subsets; see {@link #combine}). */
  public StudentRuns runStudents(EventWindow w) {
    Workspace ws = workspace.get();
    bin(w, ws);
    return runAll(ws);
  }

  public StudentRuns runStudents(float[] image) {
    Workspace ws = workspace.get();
    bin(image, ws);
    return runAll(ws);
  }

  private StudentRuns runAll(Workspace ws) {
    StudentRun[] runs = new StudentRun[students.length];
    for (int student = 0; student < students.length; student++) {
      StudentState st = replay(ws, ws.batch, student);
      runs[student] = StudentRun.of(st, students[student].output(st, ws.outputs[student]));
    }
    java.util.Arrays.fill(ws.replayed, false);
    return new StudentRuns(runs, inputCount(ws.batch), ws.batch.onEvents, ws.batch.activeInputs);
  }

  /**
   * The learned gate's input statistics g ({@link GateFeatures}) of the window behind these runs,
   * with {@code firstStudent} as the student that always runs (the gate order's first): exactly what
   * {@link #classify} computes, so training fits the gate on the features it will be deployed on.
   */
  public float[] gateFeatures(StudentRuns runs, int firstStudent) {
    return gateFeatures(runs.inputEvents, runs.onEvents, runs.activeInputs, runs.run(firstStudent).spikes());
  }

  private float[] gateFeatures(long inputCount, long onEvents, long activeInputs, long firstStudentSpikes) {
    return GateFeatures.of(inputCount, onEvents, activeInputs, (long) input.timeSteps() * input.size(), firstStudentSpikes);
  }

  /**
   * The decision of exactly these students (in this order) from their earlier runs: the same
   * result, counts and energy as {@link #classifyWithStudents(EventWindow, int[])} on that window.
   */
  public Decision combine(StudentRuns runs, int[] studentsToRun) {
    int[] run = checked(studentsToRun);
    float[] logits = new float[head.classes()];
    float[] probabilities = new float[head.classes()];
    head.start(logits);
    long extraMacs = 0;
    for (int student : run) {
      extraMacs += head.add(logits, student, runs.run(student).output());
    }
    extraMacs += head.softmax(logits, probabilities);
    return decision(runs.all(), run, runs.inputEvents, probabilities, logits, extraMacs);
  }

  private long inputCount(StreamState s) {
    return encoder == null ? s.activeInputs : s.inputEvents;
  }

  /** Per-thread scratch: currents, spike lists, replay states, the batch window. */
  private final class Workspace {
    final StepInput stepInput = new StepInput(input);
    final SpikeEvents events = new SpikeEvents(input.size());
    final StudentNetwork.Scratch[] scratch = new StudentNetwork.Scratch[students.length];
    final StudentState[] replayStates = new StudentState[students.length];
    final boolean[] replayed = new boolean[students.length];
    final float[][] outputs = new float[students.length][];
    final float[] logits = new float[head.classes()];
    final float[] probabilities = new float[head.classes()];
    final StreamState batch = new StreamState(model.sha256(), new StudentState[0], new WindowBuffer(input.timeSteps()));

    Workspace() {
      for (int i = 0; i < students.length; i++) {
        scratch[i] = students[i].newScratch();
        replayStates[i] = students[i].newState();
        outputs[i] = new float[students[i].outputSize()];
      }
    }

    /** The student's state in this window: live, or replayed, or null when it has not run yet. */
    StudentState state(StreamState s, int student) {
      StudentState live = liveState(s, student);
      if (live != null) {
        return live;
      }
      return replayed[student] ? replayStates[student] : null;
    }
  }
}
