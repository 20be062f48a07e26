package io.sne.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.SubtaskStateStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;

/**
 * Where a slow checkpoint spent its time, task by task: for each task, the subtask that acknowledged
 * last, with how long its barrier took to arrive (start delay: records queued before it, or a busy
 * source), the alignment, and the synchronous and asynchronous parts of its snapshot. A read_committed
 * consumer waits for the whole checkpoint, so its slowest task is what an operator has to fix.
 */
final class CheckpointAnatomy {
  private CheckpointAnatomy() {}

  /** One task's slowest subtask in one checkpoint; times in ms after the checkpoint's trigger. */
  record TaskPart(String task, int subtask, long ackMs, long startDelayMs, long alignmentMs, long syncMs, long asyncMs,
      long stateBytes) {}

  /** One checkpoint: its duration, when it was triggered (ms after {@code fromMs}) and its tasks, slowest first. */
  record Checkpoint(long id, long durationMs, long triggeredAtMs, List<TaskPart> tasks) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("durationMs", durationMs);
      m.put("triggeredAtMs", triggeredAtMs);
      List<Map<String, Object>> parts = new ArrayList<>();
      for (TaskPart t : tasks) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("task", t.task());
        p.put("subtask", t.subtask());
        p.put("ackMs", t.ackMs());
        p.put("startDelayMs", t.startDelayMs());
        p.put("alignmentMs", t.alignmentMs());
        p.put("syncMs", t.syncMs());
        p.put("asyncMs", t.asyncMs());
        p.put("stateBytes", t.stateBytes());
        parts.add(p);
      }
      m.put("tasks", parts);
      return m;
    }
  }

  /** The {@code count} slowest completed checkpoints triggered between {@code fromMs} and {@code toMs}, slowest first. */
  static List<Checkpoint> slowest(AccessExecutionGraph graph, long fromMs, long toMs, int count) {
    Map<Object, String> names = new LinkedHashMap<>();
    for (AccessExecutionJobVertex v : graph.getAllVertices().values()) {
      names.put(v.getJobVertexId(), v.getName());
    }
    return graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints().stream()
        .filter(c -> c.getStatus() == CheckpointStatsStatus.COMPLETED)
        .filter(c -> c.getTriggerTimestamp() >= fromMs && c.getTriggerTimestamp() <= toMs)
        .sorted(Comparator.comparingLong(AbstractCheckpointStats::getEndToEndDuration).reversed())
        .limit(count)
        .map(c -> anatomy(c, fromMs, names))
        .toList();
  }

  private static Checkpoint anatomy(AbstractCheckpointStats c, long fromMs, Map<Object, String> names) {
    List<TaskPart> parts = new ArrayList<>();
    for (TaskStateStats task : c.getAllTaskStateStats()) {
      SubtaskStateStats last = null;
      for (SubtaskStateStats s : task.getSubtaskStats()) {
        if (s != null && (last == null || s.getAckTimestamp() > last.getAckTimestamp())) {
          last = s;
        }
      }
      if (last != null) {
        parts.add(new TaskPart(names.getOrDefault(task.getJobVertexId(), task.getJobVertexId().toString()),
            last.getSubtaskIndex(), last.getEndToEndDuration(c.getTriggerTimestamp()), last.getCheckpointStartDelay(),
            last.getAlignmentDuration(), last.getSyncCheckpointDuration(), last.getAsyncCheckpointDuration(),
            last.getStateSize()));
      }
    }
    parts.sort(Comparator.comparingLong(TaskPart::ackMs).reversed());
    return new Checkpoint(c.getCheckpointId(), c.getEndToEndDuration(), c.getTriggerTimestamp() - fromMs, parts);
  }
}
