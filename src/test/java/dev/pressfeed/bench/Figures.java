package dev.pressfeed.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The handful of figures each step of the kit hands to {@link BenchSummary}: each step runs in
 * its own JVM, so they meet in {@code target/bench/<step>.properties}.
 */
final class Figures {

  static final Path DIRECTORY = Path.of("target", "bench");

  private final Properties values = new Properties();
  private final String step;

  private Figures(String step) {
    this.step = step;
  }

  /** New, empty figures of a step; {@link #save()} replaces what an earlier run left. */
  static Figures of(String step) {
    return new Figures(step);
  }

  /** What a step saved, empty when it did not run (or failed before saving). */
  static Figures load(String step) {
    Figures figures = new Figures(step);
    Path file = DIRECTORY.resolve(step + ".properties");
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        figures.values.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return figures;
  }

  Figures put(String name, Object value) {
    values.setProperty(name, String.valueOf(value));
    return this;
  }

  Figures putAll(Map<String, ?> more) {
    more.forEach(this::put);
    return this;
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(values.getProperty(name));
  }

  Optional<Double> number(String name) {
    return get(name).map(Double::valueOf);
  }

  void save() {
    try {
      Files.createDirectories(DIRECTORY);
      try (Writer out = Files.newBufferedWriter(DIRECTORY.resolve(step + ".properties"), StandardCharsets.UTF_8)) {
        values.store(out, "benchmark kit: " + step);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
