package io.sne.job.operator;

import io.sne.runtime.energy.EnergyReport;
import io.sne.runtime.ensemble.Decision;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The SNE operator's Flink metrics (per subtask): events in, late events, classifications out,
 * synaptic operations, energy in pJ and the ratio against the teacher, how many students ran,
 * event-time lag, streams evicted.
 */
final class OperatorMetrics {
  private static final int HISTOGRAM_WINDOW = 1024;

  private final Counter eventsIn;
  private final Counter lateEvents;
  private final Counter latePackets;
  private final Counter classificationsOut;
  private final Counter synapticOps;
  private final Counter streamsEvicted;
  private final Histogram activeStudents;
  private final Histogram energyPjPerDecision;
  private double energyPjTotal;
  private double teacherEnergyPjTotal;
  private long maxEventTimeUs = Long.MIN_VALUE;
  private long watermarkUs = Long.MIN_VALUE;

  OperatorMetrics(MetricGroup group) {
    eventsIn = group.counter("eventsIn");
    lateEvents = group.counter("lateEvents");
    latePackets = group.addGroup("packetsRejected").counter("LATE_EVENT");
    classificationsOut = group.counter("classificationsOut");
    synapticOps = group.counter("synapticOps");
    streamsEvicted = group.counter("streamsEvicted");
    activeStudents = group.histogram("activeStudents", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    energyPjPerDecision = group.histogram("energyPjPerDecision", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    group.gauge("energyPjTotal", (Gauge<Double>) () -> energyPjTotal);
    group.gauge("teacherEnergyPjTotal", (Gauge<Double>) () -> teacherEnergyPjTotal);
    // teacher / ensemble over everything decided so far: > 1 means the ensemble was cheaper.
    group.gauge("energyRatioVsTeacher", (Gauge<Double>) () -> teacherEnergyPjTotal > 0 ? energyPjTotal / teacherEnergyPjTotal : 0.0);
    // How far event-time processing trails the newest event this subtask has seen (stream-clock us).
    group.gauge("eventTimeLagUs", (Gauge<Long>) () ->
        maxEventTimeUs == Long.MIN_VALUE || watermarkUs == Long.MIN_VALUE ? 0L : Math.max(0L, maxEventTimeUs - watermarkUs));
  }

  void packet(int accepted, int late, long lastTimestampUs, long currentWatermarkUs) {
    eventsIn.inc(accepted);
    if (late > 0) {
      lateEvents.inc(late);
      latePackets.inc();
    }
    maxEventTimeUs = Math.max(maxEventTimeUs, lastTimestampUs);
    watermarkUs = currentWatermarkUs;
  }

  void watermark(long currentWatermarkUs) {
    watermarkUs = currentWatermarkUs;
  }

  void decision(Decision d) {
    EnergyReport e = d.energy();
    classificationsOut.inc();
    synapticOps.inc(e.synapticOps());
    activeStudents.update(d.studentsRun().length);
    energyPjPerDecision.update(Math.round(e.energyPj()));
    energyPjTotal += e.energyPj();
    teacherEnergyPjTotal += e.teacherEnergyPj();
  }

  void evicted() {
    streamsEvicted.inc();
  }
}
