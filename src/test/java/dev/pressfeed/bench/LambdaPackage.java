package dev.pressfeed.bench;

import dev.pressfeed.lambda.ManagedRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What Lambda has to load: the size of {@code target/pressfeed-lambda.jar}, what fills it, and
 * whether libraries the Lambda path must not carry (FIELD-NOTES: no Apache or Netty HTTP
 * client; joda-time only if the runtime's serialiser needs it) came in with a dependency.
 */
final class LambdaPackage {

  /** Package prefixes that must not be in the Lambda package, and what they are. */
  static final Map<String, String> FORBIDDEN = new LinkedHashMap<>();

  static {
    FORBIDDEN.put("org/apache/http/", "Apache HttpClient 4");
    FORBIDDEN.put("org/apache/hc/", "Apache HttpClient 5");
    FORBIDDEN.put("software/amazon/awssdk/http/apache/", "SDK apache-client");
    FORBIDDEN.put("software/amazon/awssdk/http/apache5/", "SDK apache5-client");
    FORBIDDEN.put("io/netty/", "Netty");
    FORBIDDEN.put("software/amazon/awssdk/http/nio/netty/", "SDK netty-nio-client");
    FORBIDDEN.put("org/joda/time/", "joda-time");
  }

  private LambdaPackage() {}

  static void report(Figures figures) throws IOException {
    Path jar = ManagedRuntime.LAMBDA_PACKAGE;
    long size = Files.size(jar);
    Map<String, long[]> byPrefix = new TreeMap<>();
    Map<String, long[]> found = new LinkedHashMap<>();
    int entries = 0;
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : java.util.Collections.list(file.entries())) {
        if (entry.isDirectory()) {
          continue;
        }
        entries++;
        long compressed = Math.max(0, entry.getCompressedSize());
        add(byPrefix, prefix(entry.getName()), compressed);
        for (String forbidden : FORBIDDEN.keySet()) {
          if (entry.getName().startsWith(forbidden)) {
            add(found, forbidden, compressed);
          }
        }
      }
    }
    System.out.printf("Lambda package %s: %,d bytes (%.2f MiB), %,d files%n", jar, size, size / 1048576.0, entries);
    List<String[]> rows = new ArrayList<>();
    byPrefix.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
        .limit(10)
        .forEach(e -> rows.add(new String[] {e.getKey(), Long.toString(e.getValue()[0]),
            String.format("%,d", e.getValue()[1])}));
    System.out.println("Largest parts (compressed bytes in the jar)");
    Table.print(List.of("package prefix", "files", "bytes"), rows);
    System.out.println();
    List<String[]> offending = new ArrayList<>();
    FORBIDDEN.forEach((prefix, what) -> {
      long[] hit = found.get(prefix);
      offending.add(new String[] {prefix, what, hit == null ? "absent" : "PRESENT",
          hit == null ? "" : Long.toString(hit[0]), hit == null ? "" : String.format("%,d", hit[1])});
    });
    System.out.println("Libraries the Lambda path must not carry");
    Table.print(List.of("package prefix", "library", "in the jar", "files", "bytes"), offending);
    System.out.println();
    figures.put("jar.bytes", size);
    figures.put("jar.forbidden", String.join(", ", found.keySet()));
  }

  private static void add(Map<String, long[]> totals, String key, long bytes) {
    long[] t = totals.computeIfAbsent(key, k -> new long[2]);
    t[0]++;
    t[1] += bytes;
  }

  /** The first three path segments ({@code org/jsoup/nodes/}), four in the SDK, whose third says nothing. */
  private static String prefix(String name) {
    String[] parts = name.split("/");
    int depth = Math.min(name.startsWith("software/amazon/awssdk/") ? 4 : 3, parts.length - 1);
    return depth == 0 ? "(top level)" : String.join("/", java.util.Arrays.copyOf(parts, depth)) + "/";
  }
}
