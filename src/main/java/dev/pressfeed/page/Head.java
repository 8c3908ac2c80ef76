package dev.pressfeed.page;

import java.util.List;

/**
 * What a page's {@code <head>} says to machines: language, canonical URL, feed autodiscovery,
 * OpenGraph and JSON-LD, and where the previous and next pages of a list are.
 *
 * @param title       the document title
 * @param description the meta description, or {@code null}
 * @param canonical   the page's own URL, absolute; {@code null} for error pages
 * @param feeds       {@code <link rel="alternate">} autodiscovery, in order
 * @param meta        OpenGraph / article properties, in order
 * @param jsonLd      a schema.org JSON-LD document safe to place in a script element, or {@code null}
 * @param indexable   whether search engines may index the page (not the 404 and 410 pages)
 */
public record Head(String lang, String title, String description, String canonical,
    String siteName, List<FeedLink> feeds, List<Meta> meta, String jsonLd, boolean indexable,
    String prev, String next) {

  public Head {
    feeds = List.copyOf(feeds);
    meta = List.copyOf(meta);
  }

  /** One feed a browser or reader can discover. */
  public record FeedLink(String type, String title, String href) {}

  /** An OpenGraph ({@code og:}) or {@code article:} property. */
  public record Meta(String property, String content) {}

  /** The stylesheet, inline, allowed by its hash in the Content-Security-Policy. */
  public String css() {
    return Style.CSS;
  }
}
