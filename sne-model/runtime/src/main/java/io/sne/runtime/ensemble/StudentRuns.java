package io.sne.runtime.ensemble;

/**
 * Every student run once over the same window ({@link SneEnsemble#runStudents}), so that an
 * evaluation can {@link SneEnsemble#combine} any subset without running a student twice.
 */
public final class StudentRuns {
  private final StudentRun[] runs;
  final long inputEvents;
  final long onEvents;
  final long activeInputs;

  StudentRuns(StudentRun[] runs, long inputEvents, long onEvents, long activeInputs) {
    this.runs = runs;
    this.inputEvents = inputEvents;
    this.onEvents = onEvents;
    this.activeInputs = activeInputs;
  }

  public int studentCount() {
    return runs.length;
  }

  public StudentRun run(int student) {
    return runs[student];
  }

  StudentRun[] all() {
    return runs;
  }

  public long inputEvents() {
    return inputEvents;
  }
}
