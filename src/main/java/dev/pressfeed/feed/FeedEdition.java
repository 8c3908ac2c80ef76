package dev.pressfeed.feed;

import dev.pressfeed.release.Release;
import java.time.Instant;
import java.util.List;

/**
 * One edition of a feed: the channel's description and the releases it shows, newest first.
 *
 * @param selfUrl   the URL this feed was requested at (with its filters)
 * @param siteUrl   the human-readable list the feed mirrors
 * @param updated   the latest change among the entries (or the epoch for an empty feed)
 */
public record FeedEdition(
    String title, String description, String language, String selfUrl, String siteUrl,
    String baseUrl, List<Release> entries, Instant updated) {

  public FeedEdition {
    entries = List.copyOf(entries);
  }

  public String permalink(Release release) {
    return baseUrl + "/releases/" + release.id();
  }

  /** The latest change to a release: its edit or its publication, whichever is later. */
  public static Instant changed(Release release) {
    Instant published = release.publishedAt();
    return published != null && published.isAfter(release.updatedAt()) ? published : release.updatedAt();
  }
}
