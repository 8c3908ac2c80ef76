package dev.pressfeed.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.release.Markup;
import dev.pressfeed.release.Release;

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with Jackson's tree model. */
public final class JsonFeed {

  public static final String MEDIA_TYPE = "application/feed+json; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonFeed() {}

  public static String render(FeedEdition edition) {
    ObjectNode feed = JSON.createObjectNode();
    feed.put("version", "https://jsonfeed.org/version/1.1");
    feed.put("title", edition.title());
    feed.put("home_page_url", edition.siteUrl());
    feed.put("feed_url", edition.selfUrl());
    feed.put("description", edition.description());
    feed.put("language", edition.language());
    ArrayNode items = feed.putArray("items");
    for (Release release : edition.entries()) {
      ObjectNode item = items.addObject();
      item.put("id", release.feedId());
      item.put("url", edition.permalink(release));
      item.put("title", release.input().title());
      item.put("content_html", Markup.toSafeHtml(release.input().body()));
      if (release.input().summary() != null) {
        item.put("summary", release.input().summary());
      }
      item.put("date_published", release.publishedAt().toString());
      item.put("date_modified", FeedEdition.changed(release).toString());
      item.put("language", release.input().language());
      ArrayNode tags = item.putArray("tags");
      release.input().tags().forEach(tags::add);
    }
    try {
      return JSON.writeValueAsString(feed);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
