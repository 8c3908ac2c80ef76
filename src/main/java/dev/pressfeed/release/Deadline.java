package dev.pressfeed.release;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The time a request may still spend waiting on its store. The edge of the request path sets
 * it ({@link #within}); store adapters cut every wait to what is left of it ({@link #remaining})
 * and, once it is spent, answer {@link StoreUnavailableException} instead of waiting on: a slow
 * store that still answers cannot add call after call past the request's budget, and the client
 * gets a 503 with {@code Retry-After} while the function still runs.
 *
 * <p>Bound to the thread that serves the request: both gateways serve a request on one thread,
 * and passing it through every {@link ReleaseStore} method would put a transport concern into
 * each of them. Measured on the monotonic clock ({@link System#nanoTime}), not the injected
 * {@code Clock}: a budget is elapsed time, and tests move the wall clock for embargoes.
 */
public final class Deadline {

  private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

  private Deadline() {}

  /**
   * Runs {@code work} with {@code budget} to spend on the store. An enclosing deadline that
   * ends sooner stays in force; the previous one is restored afterwards.
   */
  public static <T> T within(Duration budget, Supplier<T> work) {
    Objects.requireNonNull(budget, "budget");
    Long outer = CURRENT.get();
    long end = System.nanoTime() + budget.toNanos();
    CURRENT.set(outer != null && outer - end < 0 ? outer : end);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /**
   * What is left of the current request's budget (zero or negative once spent), or empty when
   * no request set one (start-up, table creation, priming).
   */
  public static Optional<Duration> remaining() {
    Long end = CURRENT.get();
    return end == null ? Optional.empty() : Optional.of(Duration.ofNanos(end - System.nanoTime()));
  }

  /**
   * {@code wait}, cut to what is left of the current budget.
   *
   * @throws StoreUnavailableException if the budget is spent: the caller must not start a wait
   */
  public static Duration cut(Duration wait) {
    Optional<Duration> left = remaining();
    if (left.isEmpty()) {
      return wait;
    }
    if (left.get().isNegative() || left.get().isZero()) {
      throw new StoreUnavailableException("the request's time budget is spent", null);
    }
    return left.get().compareTo(wait) < 0 ? left.get() : wait;
  }
}
