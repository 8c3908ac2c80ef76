package dev.pressfeed.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The fuzzer's releases that the API must accept ({@link Bodies#release} with {@code clean}),
 * and its spice that is allowed as typed, for tests outside this package (the newsroom pages).
 */
public final class CleanReleases {

  private CleanReleases() {}

  /** The release drawn from {@code seed}; the same seed gives the same release. */
  public static ObjectNode draw(long seed) {
    return Bodies.release(new Dice(seed), true);
  }

  /** Text that renders, decodes or counts differently from what it looks like, all of it allowed. */
  public static List<String> spice() {
    return Bodies.SPICE.stream().filter(Bodies::allowed).toList();
  }
}
