package dev.pressfeed.page;

import java.util.List;

/**
 * The newsroom: visible releases newest first, optionally of one tag or language, a page at a
 * time, with the feeds that carry the same releases.
 *
 * @param filter what the page is filtered by, in words ({@code null} when it is not)
 * @param newer  the newer page, or {@code null} on the first
 * @param older  the older page, or {@code null} on the last
 */
public record IndexView(Head head, Words words, String siteName, String description,
    String homeUrl, String filter, List<Item> items, List<Head.FeedLink> feeds, String newer,
    String older) {

  /** One release in the list. */
  public record Item(String lang, String title, String href, String date, String dateTime, String location,
      String summary, List<ReleaseView.TagLink> tags) {}
}
