package dev.pressfeed.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pressfeed.release.IdempotencyRecord;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.Rendering;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a release: one compact JSON document, mapped by hand (no reflection),
 * kept beside the keys each store indexes. Both stores use it, so a release reads back the
 * same from either. The {@code v} field leaves room to change the format later.
 *
 * <p>Written and read with Jackson's streaming core only: every feed request reads these
 * documents, and leaving Jackson's object mapper out of that path spares a cold start the
 * loading of some 300 classes (≈ 100 ms measured).
 *
 * <p>A release's {@link Rendering} is kept in the document ({@code "rendering"}, with its
 * version) when the whole document then stays within {@link #RENDERING_BUDGET} bytes; otherwise
 * the document holds none and reads compose it. Read back, a rendering counts only if its
 * version is the code's current {@link Rendering#VERSION}: any other is dropped, so no HTML
 * that this code's sanitiser did not make can reach a response.
 */
public final class ReleaseDocument {

  /**
   * The largest document, in UTF-8 bytes, that may carry a rendering. A DynamoDB item holds at
   * most 400 KB (409 600 bytes, attribute names included); a release item adds its keys (about
   * 200 bytes) to the document, an idempotency item its key, scope, hash and expiry (under
   * 1 000 bytes): 350 000 leaves room for both. A document without a rendering always fits: the
   * 256 KiB request limit bounds the text it holds, and the document escapes nothing a JSON
   * request did not have to escape as well. A body that fills a request with multi-byte text
   * (some 65 000 four-byte characters), or whose HTML outgrows it, therefore stores no
   * rendering, and its reads compose one as before.
   */
  public static final int RENDERING_BUDGET = 350_000;

  private static final JsonFactory JSON = new JsonFactory();

  private ReleaseDocument() {}

  /** The release's document, with its rendering if that fits {@link #RENDERING_BUDGET}. */
  public static String write(Release r) {
    if (r.rendering() != null) {
      String rendered = json(out -> release(out, r, r.rendering()));
      if (utf8Length(rendered) <= RENDERING_BUDGET) {
        return rendered;
      }
    }
    return json(out -> release(out, r, null));
  }

  public static Release read(String document) {
    return release(object(parse(document)));
  }

  public static String writeIdempotency(IdempotencyRecord record) {
    return json(out -> {
      out.writeStartObject();
      out.writeNumberField("v", 1);
      out.writeStringField("scope", record.scope());
      out.writeStringField("requestHash", record.requestHash());
      out.writeStringField("expiresAt", record.expiresAt().toString());
      // The release's own document, budget and all.
      out.writeFieldName("release");
      out.writeRawValue(write(record.release()));
      out.writeEndObject();
    });
  }

  public static IdempotencyRecord readIdempotency(String document) {
    Map<String, Object> n = object(parse(document));
    return new IdempotencyRecord(text(n, "scope"), text(n, "requestHash"),
        release(object(n.get("release"))), Instant.parse(text(n, "expiresAt")));
  }

  // ---- writing -------------------------------------------------------------------------

  private interface Writing {
    void to(JsonGenerator out) throws IOException;
  }

  private static String json(Writing writing) {
    StringWriter text = new StringWriter(1024);
    try (JsonGenerator out = JSON.createGenerator(text)) {
      writing.to(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void release(JsonGenerator out, Release r, Rendering rendering)
      throws IOException {
    ReleaseInput in = r.input();
    out.writeStartObject();
    out.writeNumberField("v", 1);
    out.writeStringField("id", r.id());
    out.writeStringField("feedId", r.feedId());
    out.writeStringField("state", r.state().name());
    time(out, "firstPublishedAt", r.firstPublishedAt());
    time(out, "createdAt", r.createdAt());
    time(out, "updatedAt", r.updatedAt());
    out.writeNumberField("version", r.version());
    text(out, "title", in.title());
    text(out, "subtitle", in.subtitle());
    text(out, "summary", in.summary());
    text(out, "body", in.body());
    text(out, "language", in.language());
    text(out, "status", in.status());
    text(out, "publishAt", in.publishAt());
    text(out, "location", in.location());
    out.writeArrayFieldStart("tags");
    for (String tag : in.tags()) {
      out.writeString(tag);
    }
    out.writeEndArray();
    if (in.organization() != null) {
      out.writeObjectFieldStart("organization");
      text(out, "name", in.organization().name());
      text(out, "url", in.organization().url());
      out.writeEndObject();
    }
    out.writeArrayFieldStart("contacts");
    for (ReleaseInput.Contact c : in.contacts()) {
      out.writeStartObject();
      text(out, "name", c.name());
      text(out, "role", c.role());
      text(out, "organization", c.organization());
      text(out, "email", c.email());
      text(out, "phone", c.phone());
      text(out, "fax", c.fax());
      text(out, "address", c.address());
      text(out, "url", c.url());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayFieldStart("links");
    for (ReleaseInput.Link l : in.links()) {
      out.writeStartObject();
      text(out, "title", l.title());
      text(out, "url", l.url());
      out.writeEndObject();
    }
    out.writeEndArray();
    text(out, "about", in.about());
    out.writeArrayFieldStart("attachments");
    for (ReleaseInput.Attachment a : in.attachments()) {
      out.writeStartObject();
      text(out, "url", a.url());
      text(out, "title", a.title());
      text(out, "mediaType", a.mediaType());
      if (a.length() != null) {
        out.writeNumberField("length", a.length());
      }
      out.writeEndObject();
    }
    out.writeEndArray();
    if (rendering != null) {
      out.writeObjectFieldStart("rendering");
      out.writeNumberField("v", rendering.version());
      text(out, "bodyHtml", rendering.bodyHtml());
      text(out, "aboutHtml", rendering.aboutHtml());
      text(out, "feedHtml", rendering.feedHtml());
      text(out, "feedSummary", rendering.feedSummary());
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  /** Bytes of {@code text} in UTF-8, counted without encoding it. */
  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static void text(JsonGenerator out, String field, String value) throws IOException {
    if (value != null) {
      out.writeStringField(field, value);
    }
  }

  private static void time(JsonGenerator out, String field, Instant value) throws IOException {
    if (value != null) {
      out.writeStringField(field, value.toString());
    }
  }

  // ---- reading -------------------------------------------------------------------------

  private static Release release(Map<String, Object> n) {
    ReleaseInput.Organization organization = null;
    if (n.get("organization") != null) {
      Map<String, Object> o = object(n.get("organization"));
      organization = new ReleaseInput.Organization(text(o, "name"), text(o, "url"));
    }
    List<String> tags = new ArrayList<>();
    list(n, "tags").forEach(t -> tags.add((String) t));
    List<ReleaseInput.Contact> contacts = new ArrayList<>();
    for (Object item : list(n, "contacts")) {
      Map<String, Object> c = object(item);
      contacts.add(new ReleaseInput.Contact(text(c, "name"), text(c, "role"),
          text(c, "organization"), text(c, "email"), text(c, "phone"), text(c, "fax"),
          text(c, "address"), text(c, "url")));
    }
    List<ReleaseInput.Link> links = new ArrayList<>();
    for (Object item : list(n, "links")) {
      Map<String, Object> l = object(item);
      links.add(new ReleaseInput.Link(text(l, "title"), text(l, "url")));
    }
    List<ReleaseInput.Attachment> attachments = new ArrayList<>();
    for (Object item : list(n, "attachments")) {
      Map<String, Object> a = object(item);
      attachments.add(new ReleaseInput.Attachment(text(a, "url"), text(a, "title"),
          text(a, "mediaType"), (Long) a.get("length")));
    }
    ReleaseInput input = new ReleaseInput(text(n, "title"), text(n, "subtitle"),
        text(n, "summary"), text(n, "body"), text(n, "language"), text(n, "status"),
        text(n, "publishAt"), text(n, "location"), tags, organization, contacts, links,
        text(n, "about"), attachments);
    return new Release(text(n, "id"), text(n, "feedId"), input,
        Release.State.valueOf(text(n, "state")), time(n, "firstPublishedAt"),
        time(n, "createdAt"), time(n, "updatedAt"), (Long) n.get("version"), rendering(n));
  }

  /**
   * The stored rendering if this code would compose it the same ({@link Rendering#isStillCurrent}),
   * else {@code null} (reads then compose one): HTML from another version is never served.
   */
  private static Rendering rendering(Map<String, Object> release) {
    if (!(release.get("rendering") instanceof Map<?, ?>)) {
      return null;
    }
    Map<String, Object> r = object(release.get("rendering"));
    if (!(r.get("v") instanceof Long stored)
        || text(r, "bodyHtml") == null || text(r, "feedHtml") == null
        || text(r, "feedSummary") == null
        || !Rendering.isStillCurrent(stored, text(r, "bodyHtml"), text(r, "aboutHtml"),
            text(r, "feedHtml"), text(r, "feedSummary"))) {
      return null;
    }
    return new Rendering(Rendering.VERSION, text(r, "bodyHtml"), text(r, "aboutHtml"),
        text(r, "feedHtml"), text(r, "feedSummary"));
  }

  /** The document as maps, lists, strings and longs: all a stored release holds. */
  private static Object parse(String document) {
    try (JsonParser parser = JSON.createParser(document)) {
      parser.nextToken();
      return value(parser);
    } catch (IOException e) {
      throw new IllegalStateException("stored document is unreadable", e);
    }
  }

  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, Object> object = new HashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        object.put(name, value(parser));
      }
      return object;
    }
    if (token == JsonToken.START_ARRAY) {
      List<Object> array = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        array.add(value(parser));
      }
      return array;
    }
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NULL -> null;
      default -> throw new IllegalStateException("unexpected " + token + " in a stored document");
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> n, String field) {
    Object value = n.get(field);
    return value == null ? List.of() : (List<Object>) value;
  }

  private static String text(Map<String, Object> n, String field) {
    return (String) n.get(field);
  }

  private static Instant time(Map<String, Object> n, String field) {
    String value = text(n, field);
    return value == null ? null : Instant.parse(value);
  }
}
