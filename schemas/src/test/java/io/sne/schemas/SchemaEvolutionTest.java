package io.sne.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema evolution rules: the current schemas must read everything written with the released
 * (baseline) ones, so every added field needs a default; and every field is documented.
 */
class SchemaEvolutionTest {
  private static final Path CURRENT = Path.of("src/main/avro");
  private static final Path BASELINE = Path.of("src/test/resources/baseline");

  static Stream<String> baselineSchemas() throws IOException {
    try (Stream<Path> files = Files.list(BASELINE)) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".avsc")).sorted().toList();
      assertThat(names).as("baseline schemas in " + BASELINE.toAbsolutePath()).isNotEmpty();
      return names.stream();
    }
  }

  static Stream<String> currentSchemas() throws IOException {
    try (Stream<Path> files = Files.list(CURRENT)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".avsc")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("baselineSchemas")
  void currentSchemaReadsDataWrittenWithTheBaseline(String file) throws IOException {
    Path current = CURRENT.resolve(file);
    assertThat(current).as("released schema " + file + " was removed").exists();
    Schema reader = parse(current);
    Schema writer = parse(BASELINE.resolve(file));
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    assertThat(result.getType())
        .as("%s: new reader vs baseline writer: %s", file, result.getResult().getIncompatibilities().stream()
            .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")").toList())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @ParameterizedTest
  @MethodSource("currentSchemas")
  void everyRecordAndFieldHasADoc(String file) throws IOException {
    List<String> undocumented = new ArrayList<>();
    collectUndocumented(parse(CURRENT.resolve(file)), new HashSet<>(), undocumented);
    assertThat(undocumented).as("records/fields without a doc in " + file).isEmpty();
  }

  @Test
  void addingAFieldWithoutADefaultIsDetected() throws IOException {
    Schema old = parse(BASELINE.resolve("EventPacket.avsc"));
    Schema withDefault = copyWith(old, new Schema.Field("exposureUs", Schema.create(Schema.Type.LONG), "doc", 0L));
    Schema withoutDefault = copyWith(old, new Schema.Field("exposureUs", Schema.create(Schema.Type.LONG), "doc"));

    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(withDefault, old).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(withoutDefault, old).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  /** {@code old} plus one field (Avro fields belong to one schema, so the others are copied). */
  private static Schema copyWith(Schema old, Schema.Field extra) {
    List<Schema.Field> all = new ArrayList<>();
    for (Schema.Field f : old.getFields()) {
      all.add(new Schema.Field(f, f.schema()));
    }
    all.add(extra);
    return Schema.createRecord(old.getName(), old.getDoc(), old.getNamespace(), false, all);
  }

  private static void collectUndocumented(Schema schema, Set<String> seen, List<String> out) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) {
          return;
        }
        if (isBlank(schema.getDoc())) {
          out.add(schema.getFullName());
        }
        for (Schema.Field f : schema.getFields()) {
          if (isBlank(f.doc())) {
            out.add(schema.getFullName() + "." + f.name());
          }
          collectUndocumented(f.schema(), seen, out);
        }
      }
      case ENUM -> {
        if (seen.add(schema.getFullName()) && isBlank(schema.getDoc())) {
          out.add(schema.getFullName());
        }
      }
      case ARRAY -> collectUndocumented(schema.getElementType(), seen, out);
      case MAP -> collectUndocumented(schema.getValueType(), seen, out);
      case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, seen, out));
      default -> { }
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static Schema parse(Path file) throws IOException {
    // A fresh parser per file: the schemas are self-contained.
    return new Schema.Parser().parse(file.toFile());
  }
}
