package dev.pressfeed.push;

import dev.pressfeed.http.FeedApi;
import dev.pressfeed.release.Release;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The feeds a release appears in (SPEC §10): the three unfiltered feeds, the {@code tag} feed of
 * each of its tags and the {@code lang} feed of its language, in each of the three formats, as
 * canonical URLs ({@link FeedApi#canonical}) without the base.
 */
public final class Topics {

  static final List<String> PATHS = List.of("/feed.rss", "/feed.atom", "/feed.json");

  private Topics() {}

  /** Every feed that shows any of {@code releases}, each once, in a stable order. */
  public static List<String> of(Collection<Release> releases) {
    Set<String> topics = new LinkedHashSet<>();
    for (String path : PATHS) {
      topics.add(FeedApi.canonical("", path, null, null));
    }
    for (Release release : releases) {
      for (String path : PATHS) {
        for (String tag : release.input().tags()) {
          topics.add(FeedApi.canonical("", path, tag, null));
        }
        topics.add(FeedApi.canonical("", path, null, release.input().language()));
      }
    }
    return new ArrayList<>(topics);
  }
}
