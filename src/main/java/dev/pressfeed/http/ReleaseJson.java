package dev.pressfeed.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.feed.FeedEdition;
import dev.pressfeed.release.FieldError;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.Rendering;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON of the API, mapped by hand. Reading checks only the <em>shape</em> (SPEC §3: 400 for
 * malformed JSON, invalid UTF-8, wrong types, unknown fields — every one listed); the value
 * rules are {@code ReleaseRules}' (422).
 */
public final class ReleaseJson {

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final Set<String> FIELDS = Set.of("title", "subtitle", "summary", "body",
      "language", "status", "publishAt", "location", "tags", "organization", "contacts", "links",
      "about", "attachments");
  private static final Set<String> ORGANIZATION = Set.of("name", "url");
  private static final Set<String> CONTACT =
      Set.of("name", "role", "organization", "email", "phone", "fax", "address", "url");
  private static final Set<String> LINK = Set.of("title", "url");
  private static final Set<String> ATTACHMENT = Set.of("url", "title", "mediaType", "length");

  private ReleaseJson() {}

  /** A request body read as a JSON value, with the hash that identifies it for idempotency. */
  public record Parsed(ReleaseInput input, String canonicalHash) {}

  /** Reads a release body or raises a 400 problem naming every shape error. */
  public static Parsed read(byte[] body) {
    JsonNode root = parse(body);
    List<FieldError> errors = new ArrayList<>();
    if (!root.isObject()) {
      throw Problem.badRequest("The body must be a JSON object.").raise();
    }
    unknownFields(root, FIELDS, "", errors);
    Shape s = new Shape(errors);
    ReleaseInput input = new ReleaseInput(
        s.text(root, "title", "title"),
        s.text(root, "subtitle", "subtitle"),
        s.text(root, "summary", "summary"),
        s.text(root, "body", "body"),
        s.text(root, "language", "language"),
        s.text(root, "status", "status"),
        s.text(root, "publishAt", "publishAt"),
        s.text(root, "location", "location"),
        s.list(root, "tags", (node, at) -> s.element(node, at)),
        s.organization(root.get("organization")),
        s.list(root, "contacts", (node, at) -> {
          if (!s.object(node, at, CONTACT)) {
            return null;
          }
          return new ReleaseInput.Contact(s.text(node, "name", at + ".name"),
              s.text(node, "role", at + ".role"),
              s.text(node, "organization", at + ".organization"),
              s.text(node, "email", at + ".email"), s.text(node, "phone", at + ".phone"),
              s.text(node, "fax", at + ".fax"), s.text(node, "address", at + ".address"),
              s.text(node, "url", at + ".url"));
        }),
        s.list(root, "links", (node, at) -> s.object(node, at, LINK)
            ? new ReleaseInput.Link(s.text(node, "title", at + ".title"), s.text(node, "url", at + ".url"))
            : null),
        s.text(root, "about", "about"),
        s.list(root, "attachments", (node, at) -> s.object(node, at, ATTACHMENT)
            ? new ReleaseInput.Attachment(s.text(node, "url", at + ".url"),
                s.text(node, "title", at + ".title"), s.text(node, "mediaType", at + ".mediaType"),
                s.length(node.get("length"), at + ".length"))
            : null));
    if (!errors.isEmpty()) {
      throw Problem.badRequest("The body does not have the shape of a release.", errors).raise();
    }
    return new Parsed(input, hash(root));
  }

  private static JsonNode parse(byte[] body) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw Problem.badRequest("The body is not valid UTF-8.").raise();
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw Problem.badRequest("The body is empty; send the release as a JSON object.").raise();
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      throw Problem.badRequest("The body is not well-formed JSON" + where + ".").raise();
    }
  }

  private static void unknownFields(JsonNode object, Set<String> known, String prefix, List<FieldError> errors) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        errors.add(new FieldError(prefix + name, "is not a field of a release"));
      }
    }
  }

  /** Collects shape errors while reading, so all of them are reported together. */
  private record Shape(List<FieldError> errors) {

    interface Element<T> {
      T read(JsonNode node, String at);
    }

    String text(JsonNode parent, String name, String at) {
      return textValue(parent.get(name), at);
    }

    String textValue(JsonNode node, String at) {
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isTextual()) {
        errors.add(new FieldError(at, "must be a string"));
        return null;
      }
      return node.textValue();
    }

    /** A string in an array: there, a {@code null} is a wrong type, not an absent value. */
    String element(JsonNode node, String at) {
      if (!node.isTextual()) {
        errors.add(new FieldError(at, "must be a string"));
        return null;
      }
      return node.textValue();
    }

    /** An array's elements; a wrong one is named ({@code tags[0]}) and none is dropped silently. */
    <T> List<T> list(JsonNode parent, String name, Element<T> element) {
      JsonNode node = parent.get(name);
      if (node == null || node.isNull()) {
        return List.of();
      }
      if (!node.isArray()) {
        errors.add(new FieldError(name, "must be an array"));
        return List.of();
      }
      List<T> items = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        T item = element.read(node.get(i), name + "[" + i + "]");
        if (item != null) {
          items.add(item);
        }
      }
      return items;
    }

    boolean object(JsonNode node, String at, Set<String> known) {
      if (node == null || !node.isObject()) {
        errors.add(new FieldError(at, "must be an object"));
        return false;
      }
      unknownFields(node, known, at + ".", errors);
      return true;
    }

    ReleaseInput.Organization organization(JsonNode node) {
      if (node == null || node.isNull()) {
        return null;
      }
      if (!object(node, "organization", ORGANIZATION)) {
        return null;
      }
      return new ReleaseInput.Organization(
          text(node, "name", "organization.name"), text(node, "url", "organization.url"));
    }

    Long length(JsonNode node, String at) {
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        errors.add(new FieldError(at, "must be a whole number of bytes"));
        return null;
      }
      return node.longValue();
    }
  }

  /** SHA-256 of the body's JSON value: key order and whitespace do not change it. */
  private static String hash(JsonNode root) {
    StringBuilder canonical = new StringBuilder();
    canonical(root, canonical);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void canonical(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(JSON.getNodeFactory().textNode(e.getKey()).toString()).append(':');
        canonical(e.getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        canonical(node.get(i), out);
      }
      out.append(']');
    } else if (node.isNumber()) {
      out.append(node.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      out.append(node.toString());
    }
  }

  // ---- writing -------------------------------------------------------------------------

  /**
   * The full representation of a release, as editors and the public see one release. The HTML
   * is the release's stored {@link Rendering} (composed on read only for one stored without).
   */
  public static ObjectNode full(Release r, String baseUrl, Instant now) {
    ObjectNode n = summary(r, baseUrl, now);
    Rendering rendering = Rendering.of(r);
    n.put("bodyHtml", rendering.bodyHtml());
    n.put("aboutHtml", rendering.aboutHtml());
    return n;
  }

  /** The list form: everything but {@code body}, {@code bodyHtml}, {@code about}, {@code aboutHtml}. */
  public static ObjectNode listItem(Release r, String baseUrl, Instant now) {
    ObjectNode n = summary(r, baseUrl, now);
    n.remove("body");
    n.remove("about");
    return n;
  }

  private static ObjectNode summary(Release r, String baseUrl, Instant now) {
    ReleaseInput in = r.input();
    ObjectNode n = JSON.createObjectNode();
    n.put("id", r.id());
    // The release's page for people (SPEC §9); the API's URL is /releases/{id}, as in Location.
    n.put("url", FeedEdition.permalink(baseUrl, r));
    n.put("title", in.title());
    n.put("subtitle", in.subtitle());
    n.put("summary", in.summary());
    n.put("body", in.body());
    n.put("language", in.language());
    n.put("status", r.status(now).wireName());
    n.put("publishAt", in.publishAt());
    n.put("publishedAt", time(r.publishedAt()));
    n.put("location", in.location());
    ArrayNode tags = n.putArray("tags");
    in.tags().forEach(tags::add);
    if (in.organization() == null) {
      n.putNull("organization");
    } else {
      n.putObject("organization").put("name", in.organization().name()).put("url", in.organization().url());
    }
    ArrayNode contacts = n.putArray("contacts");
    for (ReleaseInput.Contact c : in.contacts()) {
      contacts.addObject().put("name", c.name()).put("role", c.role())
          .put("organization", c.organization()).put("email", c.email()).put("phone", c.phone())
          .put("fax", c.fax()).put("address", c.address()).put("url", c.url());
    }
    ArrayNode links = n.putArray("links");
    in.links().forEach(l -> links.addObject().put("title", l.title()).put("url", l.url()));
    n.put("about", in.about());
    ArrayNode attachments = n.putArray("attachments");
    for (ReleaseInput.Attachment a : in.attachments()) {
      attachments.addObject().put("url", a.url()).put("title", a.title())
          .put("mediaType", a.mediaType()).put("length", a.length());
    }
    n.put("createdAt", time(r.createdAt()));
    n.put("updatedAt", time(r.updatedAt()));
    n.put("version", r.version());
    return n;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  /** The body of a JSON answer; it ends with a line break, as a text body should. */
  static byte[] bytes(JsonNode node) {
    try {
      return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
