package dev.pressfeed.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.Rendering;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written with Jackson's streaming generator:
 * the feed function loads no object mapper (about 300 classes, 50 ms of a cold start). {@code
 * feed_url} identifies the feed, so it is the {@linkplain Subscription subscription URL}, not
 * the URL of this page; optional members are left out rather than sent empty.
 */
public final class JsonFeed {

  public static final String MEDIA_TYPE = "application/feed+json; charset=utf-8";
  private static final JsonFactory JSON = new JsonFactory();

  private JsonFeed() {}

  public static String render(FeedEdition edition) {
    StringWriter out = new StringWriter();
    try (JsonGenerator feed = JSON.createGenerator(out)) {
      feed.writeStartObject();
      feed.writeStringField("version", "https://jsonfeed.org/version/1.1");
      feed.writeStringField("title", edition.title());
      feed.writeStringField("home_page_url", edition.siteUrl());
      feed.writeStringField("feed_url", Subscription.url(edition.selfUrl()));
      feed.writeStringField("description", edition.description());
      feed.writeStringField("language", edition.language());
      if (edition.nextUrl().isPresent()) {
        feed.writeStringField("next_url", edition.nextUrl().get());
      }
      if (edition.hubUrl().isPresent()) {
        feed.writeArrayFieldStart("hubs");
        feed.writeStartObject();
        feed.writeStringField("type", "WebSub");
        feed.writeStringField("url", edition.hubUrl().get());
        feed.writeEndObject();
        feed.writeEndArray();
      }
      feed.writeArrayFieldStart("items");
      for (Release release : edition.entries()) {
        item(feed, edition, release);
      }
      feed.writeEndArray();
      feed.writeEndObject();
      feed.writeRaw('\n'); // a text body ends with a line break
    } catch (IOException e) {
      throw new UncheckedIOException("JSON Feed could not be written", e);
    }
    return out.toString();
  }

  private static void item(JsonGenerator item, FeedEdition edition, Release release) throws IOException {
    ReleaseInput in = release.input();
    Rendering rendering = Rendering.of(release);
    item.writeStartObject();
    item.writeStringField("id", release.feedId());
    item.writeStringField("url", edition.permalink(release));
    item.writeStringField("title", in.title());
    item.writeStringField("content_html", rendering.feedHtml());
    item.writeStringField("summary", rendering.feedSummary());
    item.writeStringField("date_published", release.publishedAt().toString());
    item.writeStringField("date_modified", FeedEdition.changed(release).toString());
    item.writeStringField("language", in.language());
    if (!in.tags().isEmpty()) {
      item.writeArrayFieldStart("tags");
      for (String tag : in.tags()) {
        item.writeString(tag);
      }
      item.writeEndArray();
    }
    item.writeArrayFieldStart("authors");
    item.writeStartObject();
    if (in.organization() != null) {
      item.writeStringField("name", in.organization().name());
      if (in.organization().url() != null) {
        item.writeStringField("url", in.organization().url());
      }
    } else {
      item.writeStringField("name", edition.publisher());
      item.writeStringField("url", edition.baseUrl());
    }
    item.writeEndObject();
    item.writeEndArray();
    if (!in.attachments().isEmpty()) {
      item.writeArrayFieldStart("attachments");
      for (ReleaseInput.Attachment a : in.attachments()) {
        item.writeStartObject();
        item.writeStringField("url", a.url());
        // mime_type is required by JSON Feed 1.1.
        item.writeStringField("mime_type", a.mediaType() == null ? RssFeed.UNKNOWN_MEDIA_TYPE : a.mediaType());
        if (a.title() != null) {
          item.writeStringField("title", a.title());
        }
        if (a.length() != null) {
          item.writeNumberField("size_in_bytes", a.length());
        }
        item.writeEndObject();
      }
      item.writeEndArray();
    }
    item.writeEndObject();
  }
}
