package dev.pressfeed.feed;

import dev.pressfeed.release.Release;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One edition of a feed: the channel's description and the releases it shows, newest first.
 * Every link a person follows from a feed leads to a page ({@code /news/{id}}, the newsroom at
 * {@code /}), never to the JSON API: a reader's "open in browser" and a link preview need HTML.
 *
 * @param title     what the feed calls itself: FEED_TITLE, with the tag of a tag-filtered feed
 * @param publisher the press office (FEED_TITLE): the author of a release without an
 *                  organisation, the same in every feed whatever its filter
 * @param language  the channel's language: FEED_LANGUAGE, or the {@code lang} a feed is
 *                  filtered by; each entry has its own too
 * @param selfUrl   this page of the feed at its canonical URL (SPEC §10: the topic subscribers
 *                  subscribe to), with its cursor on later pages
 * @param siteUrl   the newsroom page the feed mirrors ({@code /}, with the same filters)
 * @param baseUrl   scheme and host every link starts with, no trailing slash
 * @param nextUrl   the next, older page (RFC 5005 {@code rel="next"}, JSON Feed
 *                  {@code next_url}), when there is one
 * @param updated   the latest change the feed shows (or the epoch for an empty feed)
 * @param hubUrl    the WebSub hub the feed advertises ({@code WEBSUB_HUB_URL}), if any
 * @param tombstones releases withdrawn from this feed lately, newest first: only the first page
 *                  of an Atom feed has any, and only Atom shows them (RFC 6721)
 */
public record FeedEdition(
    String title, String publisher, String description, String language, String selfUrl, String siteUrl,
    String baseUrl, Optional<String> nextUrl, List<Release> entries, Instant updated,
    Optional<String> hubUrl, List<Tombstone> tombstones) {

  public FeedEdition {
    entries = List.copyOf(entries);
    tombstones = List.copyOf(tombstones);
  }

  /** An edition that signals no withdrawal. */
  public FeedEdition(String title, String publisher, String description, String language, String selfUrl,
      String siteUrl, String baseUrl, Optional<String> nextUrl, List<Release> entries, Instant updated,
      Optional<String> hubUrl) {
    this(title, publisher, description, language, selfUrl, siteUrl, baseUrl, nextUrl, entries, updated,
        hubUrl, List.of());
  }

  /** An edition that advertises no hub. */
  public FeedEdition(String title, String publisher, String description, String language, String selfUrl,
      String siteUrl, String baseUrl, Optional<String> nextUrl, List<Release> entries, Instant updated) {
    this(title, publisher, description, language, selfUrl, siteUrl, baseUrl, nextUrl, entries, updated,
        Optional.empty(), List.of());
  }

  /** The release's page, where a reader's link leads. */
  public String permalink(Release release) {
    return permalink(baseUrl, release);
  }

  /**
   * The page of a release: the one definition of its URL, for the feeds, the API's {@code url}
   * field and the newsroom pages alike. The API's own URL ({@code /releases/{id}}, the {@code
   * Location} of a 201) stays JSON; pages have URLs of their own, so no content negotiation is
   * needed (SPEC §9).
   */
  public static String permalink(String baseUrl, Release release) {
    return permalink(baseUrl, release.id());
  }

  /** The same page, by the release's id (the sitemap lists heads, not releases). */
  public static String permalink(String baseUrl, String id) {
    return baseUrl + "/news/" + id;
  }

  /** The latest change to a release: its edit or its publication, whichever is later. */
  public static Instant changed(Release release) {
    Instant published = release.publishedAt();
    return published != null && published.isAfter(release.updatedAt()) ? published : release.updatedAt();
  }
}
