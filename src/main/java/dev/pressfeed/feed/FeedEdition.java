package dev.pressfeed.feed;

import dev.pressfeed.release.Release;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One edition of a feed: the channel's description and the releases it shows, newest first.
 *
 * @param language  the channel's language (FEED_LANGUAGE); each entry has its own too
 * @param selfUrl   the URL this page of the feed was requested at (with its filters)
 * @param siteUrl   the human-readable list the feed mirrors
 * @param baseUrl   scheme and host every link starts with, no trailing slash
 * @param nextUrl   the next, older page (RFC 5005 {@code rel="next"}, JSON Feed
 *                  {@code next_url}), when there is one
 * @param updated   the latest change the feed shows (or the epoch for an empty feed)
 */
public record FeedEdition(
    String title, String description, String language, String selfUrl, String siteUrl,
    String baseUrl, Optional<String> nextUrl, List<Release> entries, Instant updated) {

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
