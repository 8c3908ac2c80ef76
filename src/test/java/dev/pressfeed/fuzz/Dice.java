package dev.pressfeed.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The fuzzer's only source of chance: a seeded {@link SplittableRandom}, so that a run is
 * repeated exactly by its seed. One per session, split from the run's on the run's thread in
 * session order, so that sessions may draw on any worker and still draw the same requests.
 */
final class Dice {

  private final SplittableRandom random;

  Dice(long seed) {
    this(new SplittableRandom(seed));
  }

  private Dice(SplittableRandom random) {
    this.random = random;
  }

  /** An independent stream for one session; call in a fixed order. */
  Dice split() {
    return new Dice(random.split());
  }

  /** From {@code min} to {@code max}, both included. */
  int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }

  long between(long min, long max) {
    return random.nextLong(min, max + 1);
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T oneOf(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  @SafeVarargs
  final <T> T oneOf(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** {@code null} with probability {@code p}, else what {@code value} draws. */
  <T> T orNull(double p, Supplier<T> value) {
    return chance(p) ? null : value.get();
  }

  /** Between {@code min} and {@code max} values, each drawn on its own. */
  <T> List<T> listOf(int min, int max, Supplier<T> value) {
    int n = between(min, max);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(value.get());
    }
    return out;
  }

  /** One way to draw a value and how often to take it, for {@link #weighted}. */
  record Way<T>(int weight, Supplier<? extends T> draw) {}

  static <T> Way<T> way(int weight, Supplier<? extends T> draw) {
    return new Way<>(weight, draw);
  }

  /** A weighted choice: {@code weighted(way(3, a), way(1, b))} draws from a three times in four. */
  @SafeVarargs
  final <T> T weighted(Way<? extends T>... ways) {
    int total = 0;
    for (Way<? extends T> w : ways) {
      total += w.weight();
    }
    int roll = random.nextInt(total);
    for (Way<? extends T> w : ways) {
      roll -= w.weight();
      if (roll < 0) {
        return w.draw().get();
      }
    }
    throw new IllegalStateException("weights " + total);
  }

  /** Text of {@code min} to {@code max} code points, each from {@code low} to {@code high} (surrogates skipped). */
  String text(int min, int max, int low, int high) {
    int n = between(min, max);
    StringBuilder s = new StringBuilder(n);
    while (s.codePointCount(0, s.length()) < n) {
      int c = between(low, high);
      if (c < 0xD800 || c > 0xDFFF) {
        s.appendCodePoint(c);
      }
    }
    return s.toString();
  }
}
