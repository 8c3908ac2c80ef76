package dev.pressfeed.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.release.IdempotencyRecord;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a release: one compact JSON document, mapped by hand (no reflection),
 * kept beside the keys each store indexes. Both stores use it, so a release reads back the
 * same from either. The {@code v} field leaves room to change the format later.
 */
public final class ReleaseDocument {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReleaseDocument() {}

  public static String write(Release r) {
    return asJson(toNode(r));
  }

  public static Release read(String document) {
    try {
      return fromNode(JSON.readTree(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored release document is unreadable", e);
    }
  }

  public static String writeIdempotency(IdempotencyRecord record) {
    ObjectNode node = JSON.createObjectNode();
    node.put("v", 1);
    node.put("scope", record.scope());
    node.put("requestHash", record.requestHash());
    node.put("expiresAt", record.expiresAt().toString());
    node.set("release", toNode(record.release()));
    return asJson(node);
  }

  public static IdempotencyRecord readIdempotency(String document) {
    try {
      JsonNode node = JSON.readTree(document);
      return new IdempotencyRecord(node.get("scope").asText(), node.get("requestHash").asText(),
          fromNode(node.get("release")), Instant.parse(node.get("expiresAt").asText()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored idempotency record is unreadable", e);
    }
  }

  private static String asJson(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode toNode(Release r) {
    ReleaseInput in = r.input();
    ObjectNode n = JSON.createObjectNode();
    n.put("v", 1);
    n.put("id", r.id());
    n.put("feedId", r.feedId());
    n.put("state", r.state().name());
    putTime(n, "firstPublishedAt", r.firstPublishedAt());
    putTime(n, "createdAt", r.createdAt());
    putTime(n, "updatedAt", r.updatedAt());
    n.put("version", r.version());
    n.put("title", in.title());
    putText(n, "subtitle", in.subtitle());
    putText(n, "summary", in.summary());
    n.put("body", in.body());
    n.put("language", in.language());
    putText(n, "status", in.status());
    putText(n, "publishAt", in.publishAt());
    putText(n, "location", in.location());
    ArrayNode tags = n.putArray("tags");
    in.tags().forEach(tags::add);
    if (in.organization() != null) {
      ObjectNode o = n.putObject("organization");
      o.put("name", in.organization().name());
      putText(o, "url", in.organization().url());
    }
    ArrayNode contacts = n.putArray("contacts");
    for (ReleaseInput.Contact c : in.contacts()) {
      ObjectNode o = contacts.addObject();
      o.put("name", c.name());
      putText(o, "role", c.role());
      putText(o, "organization", c.organization());
      putText(o, "email", c.email());
      putText(o, "phone", c.phone());
      putText(o, "fax", c.fax());
      putText(o, "address", c.address());
      putText(o, "url", c.url());
    }
    ArrayNode links = n.putArray("links");
    for (ReleaseInput.Link l : in.links()) {
      links.addObject().put("title", l.title()).put("url", l.url());
    }
    putText(n, "about", in.about());
    ArrayNode attachments = n.putArray("attachments");
    for (ReleaseInput.Attachment a : in.attachments()) {
      ObjectNode o = attachments.addObject();
      o.put("url", a.url());
      putText(o, "title", a.title());
      putText(o, "mediaType", a.mediaType());
      if (a.length() != null) {
        o.put("length", a.length());
      }
    }
    return n;
  }

  private static Release fromNode(JsonNode n) {
    ReleaseInput.Organization organization = null;
    if (n.hasNonNull("organization")) {
      JsonNode o = n.get("organization");
      organization = new ReleaseInput.Organization(text(o, "name"), text(o, "url"));
    }
    List<String> tags = new ArrayList<>();
    n.path("tags").forEach(t -> tags.add(t.asText()));
    List<ReleaseInput.Contact> contacts = new ArrayList<>();
    for (JsonNode c : n.path("contacts")) {
      contacts.add(new ReleaseInput.Contact(text(c, "name"), text(c, "role"),
          text(c, "organization"), text(c, "email"), text(c, "phone"), text(c, "fax"),
          text(c, "address"), text(c, "url")));
    }
    List<ReleaseInput.Link> links = new ArrayList<>();
    for (JsonNode l : n.path("links")) {
      links.add(new ReleaseInput.Link(text(l, "title"), text(l, "url")));
    }
    List<ReleaseInput.Attachment> attachments = new ArrayList<>();
    for (JsonNode a : n.path("attachments")) {
      attachments.add(new ReleaseInput.Attachment(text(a, "url"), text(a, "title"),
          text(a, "mediaType"), a.hasNonNull("length") ? a.get("length").asLong() : null));
    }
    ReleaseInput input = new ReleaseInput(text(n, "title"), text(n, "subtitle"),
        text(n, "summary"), text(n, "body"), text(n, "language"), text(n, "status"),
        text(n, "publishAt"), text(n, "location"), tags, organization, contacts, links,
        text(n, "about"), attachments);
    return new Release(text(n, "id"), text(n, "feedId"), input,
        Release.State.valueOf(text(n, "state")), time(n, "firstPublishedAt"),
        time(n, "createdAt"), time(n, "updatedAt"), n.get("version").asLong());
  }

  private static void putText(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static void putTime(ObjectNode n, String field, Instant value) {
    if (value != null) {
      n.put(field, value.toString());
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant time(JsonNode n, String field) {
    String v = text(n, field);
    return v == null ? null : Instant.parse(v);
  }
}
