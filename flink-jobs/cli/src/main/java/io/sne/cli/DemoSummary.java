package io.sne.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sne.schemas.Classification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Running totals over Classifications and the summary {@code sne demo} prints and writes as JSON. */
final class DemoSummary {
  private long classifications;
  private long labelled;
  private long correct;
  private double energyPj;
  private double teacherEnergyPj;
  private long studentsRun;
  private long inputEvents;

  void add(Classification c) {
    classifications++;
    if (c.getTrueLabel() != null) {
      labelled++;
      if (c.getTrueLabel() == c.getPredictedClass()) {
        correct++;
      }
    }
    energyPj += c.getEnergy().getEnergyPj();
    teacherEnergyPj += c.getEnergy().getTeacherEnergyPj();
    studentsRun += c.getStudentsRun().size();
    inputEvents += c.getEnergy().getInputEvents();
  }

  long classifications() {
    return classifications;
  }

  /** Accuracy over labelled windows (NaN when none was labelled). */
  double accuracy() {
    return labelled == 0 ? Double.NaN : (double) correct / labelled;
  }

  double meanEnergyPj() {
    return classifications == 0 ? Double.NaN : energyPj / classifications;
  }

  /** Ensemble energy over teacher energy, summed over all decisions (0.05 = 20x less), as in Classification. */
  double energyRatio() {
    return teacherEnergyPj == 0 ? Double.NaN : energyPj / teacherEnergyPj;
  }

  /**
   * @param eventsReplayed events the replay sent
   * @param seconds wall time from the replay's start to the last classification
   */
  Map<String, Object> toMap(long eventsReplayed, double seconds, int streams, String modelId, long deadLetters) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("classifications", classifications);
    m.put("labelled", labelled);
    m.put("accuracy", accuracy());
    m.put("meanEnergyPj", meanEnergyPj());
    m.put("meanTeacherEnergyPj", classifications == 0 ? Double.NaN : teacherEnergyPj / classifications);
    m.put("energyRatio", energyRatio());
    m.put("meanStudentsRun", classifications == 0 ? Double.NaN : (double) studentsRun / classifications);
    m.put("eventsReplayed", eventsReplayed);
    m.put("eventsClassified", inputEvents);
    m.put("eventsPerSecond", seconds > 0 ? eventsReplayed / seconds : Double.NaN);
    m.put("seconds", seconds);
    m.put("streams", streams);
    m.put("deadLetters", deadLetters);
    m.put("model", modelId);
    return m;
  }

  void print(PrintStream out, Map<String, Object> m) {
    out.printf(Locale.ROOT, "%n%d classifications on %d streams in %.1f s (model %s)%n", m.get("classifications"),
        m.get("streams"), (double) m.get("seconds"), m.get("model"));
    out.printf(Locale.ROOT, "  accuracy            %.1f %% of %d labelled windows%n", 100 * accuracy(), labelled);
    out.printf(Locale.ROOT, "  energy per decision %.1f nJ (teacher %.1f nJ): %.0fx less than the teacher%n",
        meanEnergyPj() / 1000, (double) m.get("meanTeacherEnergyPj") / 1000, 1 / energyRatio());
    out.printf(Locale.ROOT, "  students per window %.2f%n", (double) m.get("meanStudentsRun"));
    out.printf(Locale.ROOT, "  throughput          %,.0f events/s replayed end to end (%d dead letters)%n",
        (double) m.get("eventsPerSecond"), m.get("deadLetters"));
  }

  static void writeJson(Path file, Map<String, Object> m) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
  }
}
