package dev.pressfeed.feed;

import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.pressfeed.release.Release;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** RSS 2.0 through Rome's RSS wire model. */
public final class RssFeed {

  public static final String MEDIA_TYPE = "application/rss+xml; charset=utf-8";

  private RssFeed() {}

  public static String render(FeedEdition edition) {
    Channel channel = new Channel("rss_2.0");
    channel.setTitle(edition.title());
    channel.setLink(edition.siteUrl());
    channel.setDescription(edition.description());
    channel.setLanguage(edition.language());
    channel.setLastBuildDate(Date.from(edition.updated()));
    List<Item> items = new ArrayList<>();
    for (Release release : edition.entries()) {
      Item item = new Item();
      item.setTitle(release.input().title());
      item.setLink(edition.permalink(release));
      Guid guid = new Guid();
      guid.setPermaLink(false);
      guid.setValue(release.feedId());
      item.setGuid(guid);
      item.setPubDate(Date.from(release.publishedAt()));
      if (release.input().summary() != null) {
        Description description = new Description();
        description.setType("text/plain");
        description.setValue(release.input().summary());
        item.setDescription(description);
      }
      items.add(item);
    }
    channel.setItems(items);
    try {
      return new WireFeedOutput().outputString(channel, false);
    } catch (FeedException e) {
      throw new IllegalStateException("RSS could not be written", e);
    }
  }
}
