package dev.pressfeed.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Distinct failures of a fuzz run, each with the first request that showed it (as curl) and the
 * answer. A run goes on after a failure so that one report lists every distinct kind.
 */
final class Findings {

  record Finding(String kind, String reproducer, String answer, String context, int[] count) {}

  private final Map<String, Finding> found = new LinkedHashMap<>();

  synchronized void add(String kind, Probe probe, Answer answer, String context) {
    found.computeIfAbsent(kind, k -> new Finding(k, probe == null ? "(none)" : probe.curl(),
        answer == null ? "(none)" : answer.brief(), context, new int[1])).count()[0]++;
  }

  synchronized boolean isEmpty() {
    return found.isEmpty();
  }

  synchronized int size() {
    return found.size();
  }

  synchronized String report() {
    StringBuilder s = new StringBuilder();
    int n = 1;
    for (Finding f : found.values()) {
      s.append("\n#").append(n++).append(" ").append(f.kind()).append("  (×").append(f.count()[0]).append(")\n")
          .append("   request: ").append(f.reproducer()).append('\n')
          .append("   answer:  ").append(f.answer()).append('\n');
      if (f.context() != null && !f.context().isEmpty()) {
        s.append("   context: ").append(f.context()).append('\n');
      }
    }
    return s.toString();
  }
}
