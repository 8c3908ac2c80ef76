package dev.pressfeed.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.Rendering;

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with Jackson's tree model. {@code feed_url}
 * identifies the feed, so it is the {@linkplain Subscription subscription URL}, not the URL of
 * this page; optional members are left out rather than sent empty.
 */
public final class JsonFeed {

  public static final String MEDIA_TYPE = "application/feed+json; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonFeed() {}

  public static String render(FeedEdition edition) {
    ObjectNode feed = JSON.createObjectNode();
    feed.put("version", "https://jsonfeed.org/version/1.1");
    feed.put("title", edition.title());
    feed.put("home_page_url", edition.siteUrl());
    feed.put("feed_url", Subscription.url(edition.selfUrl()));
    feed.put("description", edition.description());
    feed.put("language", edition.language());
    edition.nextUrl().ifPresent(next -> feed.put("next_url", next));
    ArrayNode items = feed.putArray("items");
    for (Release release : edition.entries()) {
      item(items.addObject(), edition, release);
    }
    try {
      return JSON.writeValueAsString(feed);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON Feed could not be written", e);
    }
  }

  private static void item(ObjectNode item, FeedEdition edition, Release release) {
    ReleaseInput in = release.input();
    Rendering rendering = Rendering.of(release);
    item.put("id", release.feedId());
    item.put("url", edition.permalink(release));
    item.put("title", in.title());
    item.put("content_html", rendering.feedHtml());
    item.put("summary", rendering.feedSummary());
    item.put("date_published", release.publishedAt().toString());
    item.put("date_modified", FeedEdition.changed(release).toString());
    item.put("language", in.language());
    if (!in.tags().isEmpty()) {
      ArrayNode tags = item.putArray("tags");
      in.tags().forEach(tags::add);
    }
    ObjectNode author = item.putArray("authors").addObject();
    if (in.organization() != null) {
      author.put("name", in.organization().name());
      if (in.organization().url() != null) {
        author.put("url", in.organization().url());
      }
    } else {
      author.put("name", edition.title());
      author.put("url", edition.baseUrl());
    }
    if (!in.attachments().isEmpty()) {
      ArrayNode attachments = item.putArray("attachments");
      for (ReleaseInput.Attachment a : in.attachments()) {
        ObjectNode attachment = attachments.addObject();
        attachment.put("url", a.url());
        // mime_type is required by JSON Feed 1.1.
        attachment.put("mime_type", a.mediaType() == null ? RssFeed.UNKNOWN_MEDIA_TYPE : a.mediaType());
        if (a.title() != null) {
          attachment.put("title", a.title());
        }
        if (a.length() != null) {
          attachment.put("size_in_bytes", a.length());
        }
      }
    }
  }
}
