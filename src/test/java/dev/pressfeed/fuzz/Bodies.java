package dev.pressfeed.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Request bodies: releases an editor could send, in every field text with character
 * references, controls, non-characters, escaped surrogates, bidi marks, astral characters and
 * Markdown, and those releases mutated: wrong JSON types (also inside arrays), nulls, missing
 * and unknown fields, values past every limit, deep nesting, duplicate keys, invalid UTF-8,
 * byte order marks, truncation, and documents that are not objects at all.
 */
final class Bodies {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Text that renders, decodes or counts differently from what it looks like. */
  static final List<String> SPICE = List.of(
      // character references: forbidden in XML once decoded, allowed, out of range, malformed
      "&#x0B;", "&#xb;", "&#11;", "&#xFFFE;", "&#xFFFF;", "&#65535;", "&#0;", "&#x0;", "&#xD800;",
      "&#xDFFF;", "&#55296;", "&#x110000;", "&#x1F600;", "&#128512;", "&#x85;", "&#x9F;", "&#x80;",
      "&#x7F;", "&#9;", "&#x0A;", "&#13;", "&#xFDD0;", "&#x1FFFE;", "&#x10FFFF;", "&#1;", "&#x1F;",
      "&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&NotAnEntity;", "&#;", "&#x;", "&", "&#99999999999;",
      "&amp;#x0B;", "&#x0B", "&#X0b;", "&#00000011;",
      // C1 controls, format characters, bidi, separators, BOM, soft hyphen
      "\u0085", "\u0080", "\u009F", "\u200B", "\u200E", "\u200F", "\u202A", "\u202E", "\u2066",
      "\u2069", "\uFEFF", "\u00AD", "\u2028", "\u2029", "\uFFFD",
      // astral and combining characters
      "😀", "👩‍👩‍👧", "𝔘", "𠜎", "\u0301", "e\u0301", "🇩🇪",
      // whitespace and characters XML 1.0 forbids, raw
      "\t", "\n", "\r\n", "\r", "\u000B", "\u0000", "\u001F", "\u0008", "\uFFFE", "\uFFFF",
      // Markdown and HTML syntax
      "**", "_", "`", "```\n", "\n\n", "# ", "> ", "- ", "1. ", "[x](https://a.example/)",
      "<https://a.example>", "![i](https://a.example/i.png)", "<b>", "</b>",
      "<script>alert(1)</script>", "<!--", "-->", "<![CDATA[", "]]>", "\\", "|a|b|\n|-|-|\n",
      "[x]: https://ref.example\n", "  \n", "<div>", "&#60;script&#62;", "[r][x]", "<?xml?>",
      "<a href=\"javascript:alert(1)\">j</a>", "[j](javascript:alert(1))", "<img src=x onerror=alert(1)>");

  private static final List<String> WORDS = List.of("Darmstadt", "Förderung", "Straße", "smart",
      "city", "news", "press", "release", "€", "„Zitat“", "العربية", "עברית", "日本語", "ĳ", "ǅ",
      "İstanbul", "ß", "ﬃ", "Ω", "x", "A", "1", "2026");

  private Bodies() {}

  /** One piece of text: mostly words, often spice, sometimes any characters at all. */
  static Arbitrary<String> piece(boolean clean) {
    if (clean) {
      return Arbitraries.frequencyOf(
          Tuple.of(6, Arbitraries.of(WORDS)),
          Tuple.of(3, Arbitraries.of(SPICE.stream().filter(Bodies::xmlAllows).toList())),
          Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00A0', '\uD7FF')
              .withCharRange('\uE000', '\uFFFD').ofMinLength(1).ofMaxLength(4)),
          Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12)));
    }
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(WORDS)),
        Tuple.of(3, Arbitraries.of(SPICE)),
        Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(4)),
        Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12)));
  }

  /** Whether XML 1.0 allows every character of the text as it is (before any reference is decoded). */
  static boolean xmlAllows(String text) {
    return text.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF));
  }

  /** Text of a few pieces; {@code clean} keeps to what the API must accept (no raw forbidden characters). */
  static Arbitrary<String> text(int maxPieces) {
    return text(maxPieces, false);
  }

  static Arbitrary<String> text(int maxPieces, boolean clean) {
    return piece(clean).list().ofMinSize(1).ofMaxSize(maxPieces).map(parts -> String.join(" ", parts));
  }

  private static final List<String> GOOD_URLS = List.of("https://press.example/a", "http://example.com/?a=1&b=2",
      "https://example.com/%C3%BCber", "https://xn--bcher-kva.example/", "https://example.com/a#frag",
      "https://example.com:8443/p?q=%3Cx%3E", "https://example.com/a%20b");

  static Arbitrary<String> url(boolean clean) {
    return clean ? Arbitraries.of(GOOD_URLS) : url();
  }

  static Arbitrary<String> url() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of("https://press.example/a", "http://example.com/?a=1&b=2",
            "https://example.com/%C3%BCber", "https://xn--bcher-kva.example/", "https://bücher.example/ö",
            "https://example.com/a#frag", "https://user:pw@example.com:8443/p?q", "mailto:press@example.com")),
        Tuple.of(2, Arbitraries.of("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
            "java\tscript:alert(1)", "jav&#x09;ascript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", "ftp://example.com/", "//example.com/x", "/relative", "relative",
            "https://", "http://[::1", "https://exa mple.com/", "https://example.com/\u0000", "",
            "https://example.com/" + "a".repeat(3000), "file:///etc/passwd", "https://example.com/&#x0B;")),
        Tuple.of(1, text(2).map(t -> "https://example.com/" + t)));
  }

  static Arbitrary<String> language() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of("de", "en", "de-DE", "en-GB", "fr", "ar", "zh-Hant-TW", "DE-de")),
        Tuple.of(1, Arbitraries.of("", "x", "xx-", "de_DE", "123", "toolongtag", "i-klingon", "x-private",
            "de-DE-1996", "en-US-u-ca-gregory", "😀", "de\u0000", "qaa", "zz")));
  }

  static Arbitrary<String> publishAt() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of("2020-09-14T09:00:00+02:00", "2026-11-26T08:59:59Z",
            "2026-11-26T09:05:00Z", "2026-11-26T10:00:00+01:00", "2027-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z", "2026-11-26T09:00:00.123456789Z")),
        Tuple.of(1, Arbitraries.of("2026-11-26", "2026-11-26T09:00:00", "yesterday", "", "+10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-26T25:00:00Z",
            "2026-11-26T09:00:00+25:00", "Thu, 26 Nov 2026 09:00:00 GMT", "1e9", "2026-11-26T09:00:00z")));
  }

  static Arbitrary<ObjectNode> release(boolean clean) {
    Arbitrary<String> languages = clean ? Arbitraries.of("de", "en", "de-DE", "en-GB", "fr", "ar", "zh-Hant-TW") : language();
    Arbitrary<String> publishAts = clean ? Arbitraries.of("2020-09-14T09:00:00+02:00", "2026-11-26T08:59:59Z",
        "2026-11-26T09:05:00Z", "2026-11-26T10:00:00+01:00", "2027-01-01T00:00:00Z") : publishAt();
    Arbitrary<ObjectNode> head = Combinators.combine(text(6, clean).map(t -> "T " + t), text(4, clean).injectNull(0.5),
        text(8, clean).injectNull(0.5), text(30, clean), languages,
        Arbitraries.of("published", "published", "draft", "published"),
        publishAts.injectNull(0.6), text(3, clean).injectNull(0.6))
        .as((title, subtitle, summary, body, language, status, publishAt, location) -> {
          ObjectNode r = NODES.objectNode();
          r.put("title", title);
          putIf(r, "subtitle", subtitle);
          putIf(r, "summary", summary);
          r.put("body", body);
          r.put("language", language);
          r.put("status", status);
          putIf(r, "publishAt", publishAt);
          putIf(r, "location", location);
          return r;
        });
    Arbitrary<List<String>> tags = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of("Smart City", "press", "Förderung", "PRESS", "news").list().ofMaxSize(3)),
        Tuple.of(clean ? 0 : 1, text(2).list().ofMaxSize(4)));
    Arbitrary<ObjectNode> organization = Combinators.combine(text(3, clean), url(clean).injectNull(0.3))
        .as((name, url) -> {
          ObjectNode o = NODES.objectNode();
          o.put("name", name);
          putIf(o, "url", url);
          return o;
        });
    Arbitrary<String> emails = clean ? Arbitraries.of("press@example.com", "o'brien+x@example.co.uk")
        : Arbitraries.of("press@example.com", "o'brien+x@example.co.uk", "not-an-email", "a@b", "",
            "press@exämple.de", "<script>@x.y");
    Arbitrary<ObjectNode> contact = Combinators.combine(text(2, clean), text(2, clean).injectNull(0.5),
        text(2, clean).injectNull(0.7), emails.injectNull(0.5),
        Arbitraries.of("+49 6151 12345", "&#x0B;", "☎").injectNull(0.6), text(3, clean).injectNull(0.7),
        url(clean).injectNull(0.6))
        .as((name, role, organisation, email, phone, address, url) -> {
          ObjectNode c = NODES.objectNode();
          c.put("name", name);
          putIf(c, "role", role);
          putIf(c, "organization", organisation);
          putIf(c, "email", email);
          putIf(c, "phone", phone);
          putIf(c, "fax", phone);
          putIf(c, "address", address);
          putIf(c, "url", url);
          return c;
        });
    Arbitrary<ObjectNode> link = Combinators.combine(text(3, clean), url(clean)).as((title, url) -> {
      ObjectNode l = NODES.objectNode();
      l.put("title", title);
      l.put("url", url);
      return l;
    });
    Arbitrary<ObjectNode> attachment = Combinators.combine(url(clean), text(2, clean).injectNull(0.4),
        (clean ? Arbitraries.of("image/jpeg", "application/pdf")
            : Arbitraries.of("image/jpeg", "application/pdf", "text/html", "x", "image/svg+xml", "a/b; c=d")).injectNull(0.5),
        Arbitraries.longs().between(clean ? 0 : -5, 10_000_000_000L).injectNull(0.5))
        .as((url, title, mediaType, length) -> {
          ObjectNode a = NODES.objectNode();
          a.put("url", url);
          putIf(a, "title", title);
          putIf(a, "mediaType", mediaType);
          if (length != null) {
            a.put("length", length);
          }
          return a;
        });
    return Combinators.combine(head, tags.injectNull(0.3), organization.injectNull(0.5),
        contact.list().ofMaxSize(2).injectNull(0.5), link.list().ofMaxSize(3).injectNull(0.5),
        text(10, clean).injectNull(0.6), attachment.list().ofMaxSize(2).injectNull(0.6))
        .as((r, tagList, org, contacts, links, about, attachments) -> {
          if (tagList != null) {
            ArrayNode a = r.putArray("tags");
            tagList.forEach(a::add);
          }
          if (org != null) {
            r.set("organization", org);
          }
          if (contacts != null) {
            r.putArray("contacts").addAll(contacts);
          }
          if (links != null) {
            r.putArray("links").addAll(links);
          }
          putIf(r, "about", about);
          if (attachments != null) {
            r.putArray("attachments").addAll(attachments);
          }
          return r;
        });
  }

  private static void putIf(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  /** A mutation of the tree: each names what it does, for the findings. */
  record TreeMutation(String name, Function<ObjectNode, ObjectNode> apply) {}

  /** A mutation of the serialised bytes. */
  record ByteMutation(String name, Function<byte[], byte[]> apply) {}

  private static final List<String> TOP = List.of("title", "subtitle", "summary", "body", "language", "status",
      "publishAt", "location", "tags", "organization", "contacts", "links", "about", "attachments");
  private static final List<String> ARRAYS = List.of("tags", "contacts", "links", "attachments");

  static Arbitrary<JsonNode> oddValue() {
    return Arbitraries.of(
        NODES.nullNode(), NODES.numberNode(1), NODES.numberNode(-1.5e308), NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(400))),
        NODES.booleanNode(true), NODES.objectNode(), NODES.arrayNode(), NODES.textNode(""),
        NODES.textNode(" "), NODES.arrayNode().add("x"), NODES.objectNode().put("x", 1),
        NODES.arrayNode().addNull(), NODES.textNode("x".repeat(301)), NODES.numberNode(0));
  }

  static Arbitrary<TreeMutation> treeMutation() {
    Arbitrary<String> field = Arbitraries.of(TOP);
    Arbitrary<String> array = Arbitraries.of(ARRAYS);
    return Arbitraries.frequencyOf(
        Tuple.of(3, Combinators.combine(field, oddValue()).as((f, v) -> new TreeMutation("wrong type in " + f + " (" + v.getNodeType() + ")",
            r -> { r.set(f, v.deepCopy()); return r; }))),
        Tuple.of(3, Combinators.combine(array, oddValue(), Arbitraries.integers().between(0, 3)).as((f, v, at) ->
            new TreeMutation((v.isNull() ? "null" : "wrong type") + " in array " + f, r -> {
              ArrayNode a = r.has(f) && r.get(f).isArray() ? (ArrayNode) r.get(f) : r.putArray(f);
              if (f.equals("tags")) {
                a.add("ok");
              }
              a.insert(Math.min(at, a.size()), v.deepCopy());
              return r;
            }))),
        Tuple.of(2, Combinators.combine(Arbitraries.of("organization", "contacts", "links", "attachments"),
            Arbitraries.of("name", "url", "title", "email", "phone", "length", "mediaType", "role", "address"),
            oddValue()).as((f, inner, v) -> new TreeMutation("wrong type in " + f + "." + inner, r -> {
              ObjectNode target = NODES.objectNode().put("name", "n").put("url", "https://a.example/").put("title", "t");
              target.set(inner, v.deepCopy());
              if (f.equals("organization")) {
                r.set(f, target);
              } else {
                r.putArray(f).add(target);
              }
              return r;
            }))),
        Tuple.of(2, field.map(f -> new TreeMutation("missing " + f, r -> { r.remove(f); return r; }))),
        Tuple.of(2, Combinators.combine(Arbitraries.of("colour", "Title", "title ", "__proto__", "constructor",
            "tìtle", "", "id", "version", "url", "bodyHtml", "createdAt", "$where"), Arbitraries.of("top", "organization", "contacts", "links", "attachments"))
            .as((name, where) -> new TreeMutation("unknown field in " + where, r -> {
              if (where.equals("top")) {
                r.put(name, "x");
              } else if (where.equals("organization")) {
                r.putObject("organization").put("name", "n").put(name, "x");
              } else {
                r.putArray(where).addObject().put("name", "n").put("title", "t").put("url", "https://a.example/").put(name, "x");
              }
              return r;
            }))),
        Tuple.of(2, Combinators.combine(Arbitraries.of("title", "subtitle", "summary", "location", "about", "body"),
            Arbitraries.of(1, 2, 50, 300, 301, 1000, 1001, 5000, 5001, 100_000, 100_001),
            Arbitraries.of("a", "😀", "&#x0B;", " ", "é", "\u0301"))
            .as((f, n, unit) -> new TreeMutation(f + " of " + n + "×" + Probe.printable(unit), r -> {
              r.put(f, unit.repeat(Math.min(n, 200_000 / Math.max(1, unit.length()))));
              return r;
            }))),
        Tuple.of(2, Combinators.combine(array, Arbitraries.of(11, 20, 21, 200)).as((f, n) ->
            new TreeMutation(n + " entries in " + f, r -> {
              ArrayNode a = r.putArray(f);
              for (int i = 0; i < n; i++) {
                if (f.equals("tags")) {
                  a.add("t" + i);
                } else {
                  a.addObject().put("name", "n" + i).put("title", "t" + i).put("url", "https://a.example/" + i);
                }
              }
              return r;
            }))),
        Tuple.of(1, Arbitraries.of("tags").map(f -> new TreeMutation("tag of 51 chars and empty tags", r -> {
          r.putArray("tags").add("x".repeat(51)).add("").add("  ");
          return r;
        }))),
        Tuple.of(2, Arbitraries.of("scheduled", "retracted", "PUBLISHED", "Draft", "", "published ")
            .map(s -> new TreeMutation("status " + s, r -> { r.put("status", s); return r; }))));
  }

  static Arbitrary<ByteMutation> byteMutation() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.of("title", "body", "tags", "language", "status").map(f ->
            new ByteMutation("duplicate key " + f, b -> {
              String s = new String(b, StandardCharsets.UTF_8);
              String dup = f.equals("tags") ? "\"tags\":[\"dup\"]," : "\"" + f + "\":\"dup\",";
              return (s.startsWith("{") ? "{" + dup + s.substring(1) : s).getBytes(StandardCharsets.UTF_8);
            }))),
        Tuple.of(3, Arbitraries.of(
            new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xE4}, new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE})
            .map(bad -> new ByteMutation("invalid UTF-8 " + hex(bad), b -> insertIntoString(b, bad)))),
        Tuple.of(2, Arbitraries.of("\\u000b", "\\u0000", "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\ufffe", "\\uFFFF",
            "\\u0085", "\\ud800\\u0041", "\\u001f", "\\u2028", "\\u0009", "\\/", "\\x41", "\\u00", "\\")
            .map(esc -> new ByteMutation("JSON escape " + esc, b -> insertIntoString(b, esc.getBytes(StandardCharsets.US_ASCII))))),
        Tuple.of(1, Arbitraries.of(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {(byte) 0xFE, (byte) 0xFF},
            new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF})
            .map(bom -> new ByteMutation("byte order mark " + hex(bom), b -> concat(bom, b)))),
        Tuple.of(1, Arbitraries.integers().between(0, 100).map(pct -> new ByteMutation("truncated at " + pct + "%",
            b -> java.util.Arrays.copyOf(b, b.length * pct / 100)))),
        Tuple.of(1, Arbitraries.of("[]", "\"x\"", "1", "null", "", " ", "{}", "true", "{\"title\":", "[{}]",
            "{'title':'x'}", "{\"title\":\"x\",}", "{\"title\":NaN}", "{\"a\":01}", "/*c*/{}", "\u0000")
            .map(doc -> new ByteMutation("document " + Probe.printable(doc), b -> doc.getBytes(StandardCharsets.UTF_8)))),
        Tuple.of(1, Arbitraries.of(" {\"x\":1}", " garbage", "\n", "]", "}", " // comment")
            .map(tail -> new ByteMutation("trailing " + Probe.printable(tail), b -> concat(b, tail.getBytes(StandardCharsets.UTF_8))))),
        Tuple.of(1, Arbitraries.of(64, 1000, 5000, 100_000).map(depth -> new ByteMutation("nesting " + depth,
            b -> {
              String s = new String(b, StandardCharsets.UTF_8);
              String nested = "[".repeat(depth) + "]".repeat(depth);
              return (s.startsWith("{") ? "{\"tags\":" + nested + "," + s.substring(1) : nested).getBytes(StandardCharsets.UTF_8);
            }))),
        Tuple.of(1, Arbitraries.of(270_000).map(n -> new ByteMutation("body of " + n + " bytes", b -> {
          String s = new String(b, StandardCharsets.UTF_8);
          String big = "{\"body\":\"" + "a".repeat(n) + "\"," + (s.startsWith("{") ? s.substring(1) : "\"x\":1}");
          return big.getBytes(StandardCharsets.UTF_8);
        }))));
  }

  /** A body for a write: most are valid releases (so that feeds get written), the rest mutated. */
  record Body(byte[] bytes, String mutations, JsonNode release) {}

  static Arbitrary<Body> body() {
    Arbitrary<Body> clean = release(true).map(r -> new Body(bytes(r), "", r));
    // Mutations mostly of clean releases: one mutation on an otherwise valid release is what
    // tells whether that mutation alone is refused.
    Arbitrary<ObjectNode> base = Arbitraries.frequencyOf(Tuple.of(7, release(true)), Tuple.of(3, release(false)));
    Arbitrary<Body> dirty = Combinators.combine(base, treeMutation().list().ofMinSize(1).ofMaxSize(2),
        byteMutation().injectNull(0.6), Arbitraries.integers().between(0, 9))
        .as((release, trees, bytes, dice) -> {
          List<String> names = new ArrayList<>();
          ObjectNode r = release;
          if (bytes == null || dice < 3) {
            for (TreeMutation m : trees.subList(0, dice < 7 ? 1 : trees.size())) {
              r = m.apply().apply(r);
              names.add(m.name());
            }
          }
          byte[] out = bytes(r);
          if (bytes != null) {
            out = bytes.apply().apply(out);
            names.add(bytes.name());
          }
          return new Body(out, String.join("; ", names), r);
        });
    return Arbitraries.frequencyOf(Tuple.of(2, clean), Tuple.of(3, dirty));
  }

  private static byte[] bytes(JsonNode release) {
    try {
      return JSON.writeValueAsBytes(release);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final java.util.regex.Pattern WRONG_TYPE = java.util.regex.Pattern.compile("wrong type in (\\w+) \\((\\w+)\\)");
  private static final List<String> REFUSED_ESCAPES = List.of("\\u000b", "\\u0000", "\\ud800", "\\udfff", "\\ufffe",
      "\\uFFFF", "\\u001f", "\\x41", "\\u00", "\\", "\\ud800\\u0041");

  /**
   * Why SPEC §2–§3 says this body must be refused (400, 413 or 422), or {@code null} when it may
   * be accepted: a value of the wrong JSON type (also inside an array, also null there), an
   * unknown field, a body that is not one JSON object in UTF-8, a status outside the enum, or a
   * character XML forbids anywhere, raw or escaped.
   */
  static String mustRefuse(Body body) {
    String[] all = body.mutations().split("; ");
    // A second mutation can undo the first (a field removed after it was broken, a duplicate
    // key shadowing it): what a mutation of the tree must cause is asserted only when it is alone.
    boolean alone = all.length == 1;
    for (String m : all) {
      if (alone && (m.startsWith("null in array") || m.startsWith("wrong type in array") || m.startsWith("unknown field")
          || m.startsWith("status ") && !m.equals("status published "))) {
        return m;
      }
      if (m.startsWith("invalid UTF-8") || m.startsWith("nesting") || m.startsWith("body of") && m.endsWith(" bytes")
          || m.startsWith("document ") || m.startsWith("trailing ") && !m.equals("trailing \\u000A")
          || m.startsWith("truncated at ") && !m.equals("truncated at 100%")) {
        return m;
      }
      if (m.startsWith("JSON escape ") && REFUSED_ESCAPES.contains(m.substring("JSON escape ".length()))) {
        return m;
      }
      java.util.regex.Matcher w = WRONG_TYPE.matcher(m);
      if (alone && w.matches() && !w.group(2).equals("NULL")) {
        String expected = switch (w.group(1)) {
          case "tags", "contacts", "links", "attachments" -> "ARRAY";
          case "organization" -> "OBJECT";
          default -> "STRING";
        };
        if (!expected.equals(w.group(2))) {
          return m;
        }
      }
    }
    String forbidden = body.mutations().contains("duplicate key") ? null : forbidden(body.release());
    return forbidden == null ? null : "a character XML forbids in " + forbidden;
  }

  private static String forbidden(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return xmlAllows(node.asText()) ? null : "a text";
    }
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      String inner = forbidden(e.getValue());
      if (inner != null) {
        return e.getKey();
      }
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        String inner = forbidden(element);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  static byte[] insertIntoString(byte[] json, byte[] inserted) {
    // after the first string value's opening quote: "title":"<here>...
    int at = -1;
    for (int i = 0; i + 2 < json.length; i++) {
      if (json[i] == '"' && json[i + 1] == ':' && json[i + 2] == '"') {
        at = i + 3;
        break;
      }
    }
    if (at < 0) {
      return concat(json, inserted);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(json, 0, at);
    out.writeBytes(inserted);
    out.write(json, at, json.length - at);
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02X", b & 0xFF));
    }
    return s.toString();
  }
}
