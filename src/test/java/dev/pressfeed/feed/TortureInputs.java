package dev.pressfeed.feed;

import dev.pressfeed.release.ReleaseInput;
import java.util.List;

/**
 * {@link TortureTest}'s releases as an editor sends them, for tests outside this package (the
 * newsroom pages put them through the editor API): every one the rules accept; the hundred-tag
 * release they refuse is left out.
 */
public final class TortureInputs {

  private TortureInputs() {}

  public static List<ReleaseInput> accepted() {
    return List.of(Editions.german(), Editions.astral(), Editions.rightToLeft(),
        Editions.markupLooking(), Editions.longest(), Editions.minimal(), Editions.maxTags(),
        Editions.oddWhitespace());
  }
}
