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
import java.util.function.Supplier;

import static dev.pressfeed.fuzz.Dice.way;

/**
 * Request bodies: releases an editor could send, in every field text with character
 * references, controls, non-characters, escaped surrogates, bidi marks, astral characters and
 * Markdown, and those releases mutated: wrong JSON types (also inside arrays), nulls, missing
 * and unknown fields, values past every limit, deep nesting, duplicate keys, invalid UTF-8,
 * byte order marks, truncation, and documents that are not objects at all. Drawn from a seeded
 * {@link Dice}.
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
  static String piece(Dice dice, boolean clean) {
    if (clean) {
      return dice.weighted(
          way(6, () -> dice.oneOf(WORDS)),
          way(3, () -> dice.oneOf(CLEAN_SPICE)),
          way(1, () -> anyAllowed(dice)),
          way(1, () -> dice.text(1, 12, ' ', '~')));
    }
    return dice.weighted(
        way(6, () -> dice.oneOf(WORDS)),
        way(3, () -> dice.oneOf(SPICE)),
        // any characters at all: mostly the BMP, sometimes astral (lone surrogates come as
        // JSON escapes, see byteMutation: a Java string holding one cannot be written as UTF-8)
        way(1, () -> dice.chance(0.9) ? dice.text(1, 4, 0, 0xFFFF) : dice.text(1, 4, 0, 0x10FFFF)),
        way(1, () -> dice.text(1, 12, ' ', '~')));
  }

  /** A few allowed characters from anywhere in the BMP, each range as likely as its size. */
  private static String anyAllowed(Dice dice) {
    String drawn = dice.weighted(
        way(0x7F - 0x20, () -> dice.text(1, 4, ' ', '~')),
        way(0xD800 - 0xA0, () -> dice.text(1, 4, 0xA0, 0xD7FF)),
        way(0xFFFE - 0xE000, () -> dice.text(1, 4, 0xE000, 0xFFFD)));
    String kept = drawn.codePoints().filter(Bodies::allowed)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return kept.isEmpty() ? "x" : kept;
  }

  /** The spice that is allowed as it is (character references to refused characters are allowed). */
  private static final List<String> CLEAN_SPICE = SPICE.stream().filter(Bodies::allowed).toList();

  /**
   * Whether docs/reference.md allows every character of the text as it is: XML 1.0's characters
   * less DEL, the C1 controls and the non-characters (U+FDD0–U+FDEF, U+xFFFE/U+xFFFF in every
   * plane); these are refused with 422.
   */
  static boolean allowed(String text) {
    return text.codePoints().allMatch(Bodies::allowed);
  }

  static boolean allowed(int c) {
    return (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0x10FFFF)) && !(c >= 0xFDD0 && c <= 0xFDEF) && (c & 0xFFFE) != 0xFFFE;
  }

  /** Text of a few pieces; {@code clean} keeps to what the API must accept (no raw refused characters). */
  static String text(Dice dice, int maxPieces) {
    return text(dice, maxPieces, false);
  }

  static String text(Dice dice, int maxPieces, boolean clean) {
    return String.join(" ", dice.listOf(1, maxPieces, () -> piece(dice, clean)));
  }

  private static final List<String> GOOD_URLS = List.of("https://press.example/a", "http://example.com/?a=1&b=2",
      "https://example.com/%C3%BCber", "https://xn--bcher-kva.example/", "https://example.com/a#frag",
      "https://example.com:8443/p?q=%3Cx%3E", "https://example.com/a%20b");

  static String url(Dice dice, boolean clean) {
    return clean ? dice.oneOf(GOOD_URLS) : url(dice);
  }

  static String url(Dice dice) {
    return dice.weighted(
        way(8, () -> dice.oneOf("https://press.example/a", "http://example.com/?a=1&b=2",
            "https://example.com/%C3%BCber", "https://xn--bcher-kva.example/", "https://bücher.example/ö",
            "https://example.com/a#frag", "https://user:pw@example.com:8443/p?q", "mailto:press@example.com")),
        way(2, () -> dice.oneOf("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
            "java\tscript:alert(1)", "jav&#x09;ascript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", "ftp://example.com/", "//example.com/x", "/relative", "relative",
            "https://", "http://[::1", "https://exa mple.com/", "https://example.com/\u0000", "",
            "https://example.com/" + "a".repeat(3000), "file:///etc/passwd", "https://example.com/&#x0B;")),
        way(1, () -> "https://example.com/" + text(dice, 2)));
  }

  static String language(Dice dice) {
    return dice.weighted(
        way(8, () -> dice.oneOf("de", "en", "de-DE", "en-GB", "fr", "ar", "zh-Hant-TW", "DE-de")),
        way(1, () -> dice.oneOf("", "x", "xx-", "de_DE", "123", "toolongtag", "i-klingon", "x-private",
            "de-DE-1996", "en-US-u-ca-gregory", "😀", "de\u0000", "qaa", "zz")));
  }

  static String publishAt(Dice dice) {
    return dice.weighted(
        way(4, () -> dice.oneOf("2020-09-14T09:00:00+02:00", "2026-11-26T08:59:59Z",
            "2026-11-26T09:05:00Z", "2026-11-26T10:00:00+01:00", "2027-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z", "2026-11-26T09:00:00.123456789Z")),
        way(1, () -> dice.oneOf("2026-11-26", "2026-11-26T09:00:00", "yesterday", "", "+10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-26T25:00:00Z",
            "2026-11-26T09:00:00+25:00", "Thu, 26 Nov 2026 09:00:00 GMT", "1e9", "2026-11-26T09:00:00z")));
  }

  /** A release an editor could send; {@code clean} keeps every value to what the API must accept. */
  static ObjectNode release(Dice dice, boolean clean) {
    ObjectNode r = NODES.objectNode();
    r.put("title", "T " + text(dice, 6, clean));
    putIf(r, "subtitle", dice.orNull(0.5, () -> text(dice, 4, clean)));
    putIf(r, "summary", dice.orNull(0.5, () -> text(dice, 8, clean)));
    r.put("body", text(dice, 30, clean));
    r.put("language", clean ? dice.oneOf("de", "en", "de-DE", "en-GB", "fr", "ar", "zh-Hant-TW") : language(dice));
    r.put("status", dice.oneOf("published", "published", "draft", "published"));
    putIf(r, "publishAt", dice.orNull(0.6, () -> clean ? dice.oneOf("2020-09-14T09:00:00+02:00",
        "2026-11-26T08:59:59Z", "2026-11-26T09:05:00Z", "2026-11-26T10:00:00+01:00", "2027-01-01T00:00:00Z")
        : publishAt(dice)));
    putIf(r, "location", dice.orNull(0.6, () -> text(dice, 3, clean)));
    List<String> tags = dice.orNull(0.3, () -> dice.weighted(
        way(3, () -> dice.listOf(0, 3, () -> dice.oneOf("Smart City", "press", "Förderung", "PRESS", "news"))),
        way(clean ? 0 : 1, () -> dice.listOf(0, 4, () -> text(dice, 2)))));
    if (tags != null) {
      ArrayNode a = r.putArray("tags");
      tags.forEach(a::add);
    }
    if (dice.chance(0.5)) {
      ObjectNode o = r.putObject("organization");
      o.put("name", text(dice, 3, clean));
      putIf(o, "url", dice.orNull(0.3, () -> url(dice, clean)));
    }
    if (dice.chance(0.5)) {
      r.putArray("contacts").addAll(dice.listOf(0, 2, () -> contact(dice, clean)));
    }
    if (dice.chance(0.5)) {
      r.putArray("links").addAll(dice.listOf(0, 3, () -> {
        ObjectNode l = NODES.objectNode();
        l.put("title", text(dice, 3, clean));
        l.put("url", url(dice, clean));
        return l;
      }));
    }
    putIf(r, "about", dice.orNull(0.6, () -> text(dice, 10, clean)));
    if (dice.chance(0.4)) {
      r.putArray("attachments").addAll(dice.listOf(0, 2, () -> attachment(dice, clean)));
    }
    return r;
  }

  private static ObjectNode contact(Dice dice, boolean clean) {
    ObjectNode c = NODES.objectNode();
    c.put("name", text(dice, 2, clean));
    putIf(c, "role", dice.orNull(0.5, () -> text(dice, 2, clean)));
    putIf(c, "organization", dice.orNull(0.7, () -> text(dice, 2, clean)));
    putIf(c, "email", dice.orNull(0.5, () -> clean ? dice.oneOf("press@example.com", "o'brien+x@example.co.uk")
        : dice.oneOf("press@example.com", "o'brien+x@example.co.uk", "not-an-email", "a@b", "",
            "press@exämple.de", "<script>@x.y")));
    String phone = dice.orNull(0.6, () -> dice.oneOf("+49 6151 12345", "&#x0B;", "☎"));
    putIf(c, "phone", phone);
    putIf(c, "fax", phone);
    putIf(c, "address", dice.orNull(0.7, () -> text(dice, 3, clean)));
    putIf(c, "url", dice.orNull(0.6, () -> url(dice, clean)));
    return c;
  }

  private static ObjectNode attachment(Dice dice, boolean clean) {
    ObjectNode a = NODES.objectNode();
    a.put("url", url(dice, clean));
    putIf(a, "title", dice.orNull(0.4, () -> text(dice, 2, clean)));
    putIf(a, "mediaType", dice.orNull(0.5, () -> clean ? dice.oneOf("image/jpeg", "application/pdf")
        : dice.oneOf("image/jpeg", "application/pdf", "text/html", "x", "image/svg+xml", "a/b; c=d")));
    if (dice.chance(0.5)) {
      a.put("length", dice.between(clean ? 0L : -5L, 10_000_000_000L));
    }
    return a;
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

  private static final List<JsonNode> ODD_VALUES = List.of(
      NODES.nullNode(), NODES.numberNode(1), NODES.numberNode(-1.5e308), NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(400))),
      NODES.booleanNode(true), NODES.objectNode(), NODES.arrayNode(), NODES.textNode(""),
      NODES.textNode(" "), NODES.arrayNode().add("x"), NODES.objectNode().put("x", 1),
      NODES.arrayNode().addNull(), NODES.textNode("x".repeat(301)), NODES.numberNode(0));

  /** A value of the wrong type (or null, or empty, or too long) for some field; a copy, since mutations change trees. */
  static JsonNode oddValue(Dice dice) {
    return dice.oneOf(ODD_VALUES).deepCopy();
  }

  static TreeMutation treeMutation(Dice dice) {
    Supplier<String> field = () -> dice.oneOf(TOP);
    Supplier<String> array = () -> dice.oneOf(ARRAYS);
    return dice.weighted(
        way(3, () -> {
          String f = field.get();
          JsonNode v = oddValue(dice);
          return new TreeMutation("wrong type in " + f + " (" + v.getNodeType() + ")", r -> { r.set(f, v.deepCopy()); return r; });
        }),
        way(3, () -> {
          String f = array.get();
          JsonNode v = oddValue(dice);
          int at = dice.between(0, 3);
          return new TreeMutation((v.isNull() ? "null" : "wrong type") + " in array " + f, r -> {
            ArrayNode a = r.has(f) && r.get(f).isArray() ? (ArrayNode) r.get(f) : r.putArray(f);
            if (f.equals("tags")) {
              a.add("ok");
            }
            a.insert(Math.min(at, a.size()), v.deepCopy());
            return r;
          });
        }),
        way(2, () -> {
          String f = dice.oneOf("organization", "contacts", "links", "attachments");
          String inner = dice.oneOf("name", "url", "title", "email", "phone", "length", "mediaType", "role", "address");
          JsonNode v = oddValue(dice);
          return new TreeMutation("wrong type in " + f + "." + inner, r -> {
            ObjectNode target = NODES.objectNode().put("name", "n").put("url", "https://a.example/").put("title", "t");
            target.set(inner, v.deepCopy());
            if (f.equals("organization")) {
              r.set(f, target);
            } else {
              r.putArray(f).add(target);
            }
            return r;
          });
        }),
        way(2, () -> {
          String f = field.get();
          return new TreeMutation("missing " + f, r -> { r.remove(f); return r; });
        }),
        way(2, () -> {
          String name = dice.oneOf("colour", "Title", "title ", "__proto__", "constructor", "tìtle", "", "id",
              "version", "url", "bodyHtml", "createdAt", "$where");
          String where = dice.oneOf("top", "organization", "contacts", "links", "attachments");
          return new TreeMutation("unknown field in " + where, r -> {
            if (where.equals("top")) {
              r.put(name, "x");
            } else if (where.equals("organization")) {
              r.putObject("organization").put("name", "n").put(name, "x");
            } else {
              r.putArray(where).addObject().put("name", "n").put("title", "t").put("url", "https://a.example/").put(name, "x");
            }
            return r;
          });
        }),
        way(2, () -> {
          String f = dice.oneOf("title", "subtitle", "summary", "location", "about", "body");
          int n = dice.oneOf(1, 2, 50, 300, 301, 1000, 1001, 5000, 5001, 100_000, 100_001);
          String unit = dice.oneOf("a", "😀", "&#x0B;", " ", "é", "\u0301");
          return new TreeMutation(f + " of " + n + "×" + Probe.printable(unit), r -> {
            r.put(f, unit.repeat(Math.min(n, 200_000 / Math.max(1, unit.length()))));
            return r;
          });
        }),
        way(2, () -> {
          String f = array.get();
          int n = dice.oneOf(11, 20, 21, 200);
          return new TreeMutation(n + " entries in " + f, r -> {
            ArrayNode a = r.putArray(f);
            for (int i = 0; i < n; i++) {
              if (f.equals("tags")) {
                a.add("t" + i);
              } else {
                a.addObject().put("name", "n" + i).put("title", "t" + i).put("url", "https://a.example/" + i);
              }
            }
            return r;
          });
        }),
        way(1, () -> new TreeMutation("tag of 51 chars and empty tags", r -> {
          r.putArray("tags").add("x".repeat(51)).add("").add("  ");
          return r;
        })),
        way(2, () -> {
          String status = dice.oneOf("scheduled", "retracted", "PUBLISHED", "Draft", "", "published ");
          return new TreeMutation("status " + status, r -> { r.put("status", status); return r; });
        }));
  }

  private static final List<byte[]> INVALID_UTF8 = List.of(
      new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
      new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      new byte[] {(byte) 0xE4}, new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE});
  static final List<String> ESCAPES = List.of("\\u000b", "\\u0000", "\\ud800", "\\udfff", "\\ud83d\\ude00",
      "\\ufffe", "\\uFFFF", "\\u0085", "\\ud800\\u0041", "\\u001f", "\\u2028", "\\u0009", "\\/", "\\x41",
      "\\u00", "\\", "\\u007f", "\\ufdd0");
  private static final List<byte[]> BOMS = List.of(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
      new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF});

  static ByteMutation byteMutation(Dice dice) {
    return dice.weighted(
        way(2, () -> {
          String f = dice.oneOf("title", "body", "tags", "language", "status");
          return new ByteMutation("duplicate key " + f, b -> {
            String s = new String(b, StandardCharsets.UTF_8);
            String dup = f.equals("tags") ? "\"tags\":[\"dup\"]," : "\"" + f + "\":\"dup\",";
            return (s.startsWith("{") ? "{" + dup + s.substring(1) : s).getBytes(StandardCharsets.UTF_8);
          });
        }),
        way(3, () -> {
          byte[] bad = dice.oneOf(INVALID_UTF8);
          return new ByteMutation("invalid UTF-8 " + hex(bad), b -> insertIntoString(b, bad));
        }),
        way(2, () -> {
          String esc = dice.oneOf(ESCAPES);
          return new ByteMutation("JSON escape " + esc, b -> insertIntoString(b, esc.getBytes(StandardCharsets.US_ASCII)));
        }),
        way(1, () -> {
          byte[] bom = dice.oneOf(BOMS);
          return new ByteMutation("byte order mark " + hex(bom), b -> concat(bom, b));
        }),
        way(1, () -> {
          int pct = dice.between(0, 100);
          return new ByteMutation("truncated at " + pct + "%", b -> java.util.Arrays.copyOf(b, b.length * pct / 100));
        }),
        way(1, () -> {
          String doc = dice.oneOf("[]", "\"x\"", "1", "null", "", " ", "{}", "true", "{\"title\":", "[{}]",
              "{'title':'x'}", "{\"title\":\"x\",}", "{\"title\":NaN}", "{\"a\":01}", "/*c*/{}", "\u0000");
          return new ByteMutation("document " + Probe.printable(doc), b -> doc.getBytes(StandardCharsets.UTF_8));
        }),
        way(1, () -> {
          String tail = dice.oneOf(" {\"x\":1}", " garbage", "\n", "]", "}", " // comment");
          return new ByteMutation("trailing " + Probe.printable(tail), b -> concat(b, tail.getBytes(StandardCharsets.UTF_8)));
        }),
        way(1, () -> {
          int depth = dice.oneOf(64, 1000, 5000, 100_000);
          return new ByteMutation("nesting " + depth, b -> {
            String s = new String(b, StandardCharsets.UTF_8);
            String nested = "[".repeat(depth) + "]".repeat(depth);
            return (s.startsWith("{") ? "{\"tags\":" + nested + "," + s.substring(1) : nested).getBytes(StandardCharsets.UTF_8);
          });
        }),
        way(1, () -> {
          int n = 270_000;
          return new ByteMutation("body of " + n + " bytes", b -> {
            String s = new String(b, StandardCharsets.UTF_8);
            String big = "{\"body\":\"" + "a".repeat(n) + "\"," + (s.startsWith("{") ? s.substring(1) : "\"x\":1}");
            return big.getBytes(StandardCharsets.UTF_8);
          });
        }));
  }

  /** A body for a write: most are valid releases (so that feeds get written), the rest mutated. */
  record Body(byte[] bytes, String mutations, JsonNode release) {}

  static Body body(Dice dice) {
    return dice.weighted(
        way(2, () -> {
          ObjectNode r = release(dice, true);
          return new Body(bytes(r), "", r);
        }),
        way(3, () -> dirty(dice)));
  }

  private static Body dirty(Dice dice) {
    // Mutations mostly of clean releases: one mutation on an otherwise valid release is what
    // tells whether that mutation alone is refused.
    ObjectNode r = dice.chance(0.7) ? release(dice, true) : release(dice, false);
    List<TreeMutation> trees = dice.listOf(1, 2, () -> treeMutation(dice));
    ByteMutation bytes = dice.orNull(0.6, () -> byteMutation(dice));
    int roll = dice.between(0, 9);
    List<String> names = new ArrayList<>();
    if (bytes == null || roll < 3) {
      for (TreeMutation m : trees.subList(0, roll < 7 ? 1 : trees.size())) {
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
  }

  private static byte[] bytes(JsonNode release) {
    try {
      return JSON.writeValueAsBytes(release);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final java.util.regex.Pattern WRONG_TYPE = java.util.regex.Pattern.compile("wrong type in (\\w+) \\((\\w+)\\)");
  /** The escapes of ESCAPES that decode to a refused character (or are no JSON at all). */
  private static final List<String> REFUSED_ESCAPES = List.of("\\u000b", "\\u0000", "\\ud800", "\\udfff", "\\ufffe",
      "\\uFFFF", "\\u001f", "\\x41", "\\u00", "\\", "\\ud800\\u0041", "\\u0085", "\\u007f", "\\ufdd0");

  /**
   * Why SPEC §2–§3 says this body must be refused (400, 413 or 422), or {@code null} when it may
   * be accepted: a value of the wrong JSON type (also inside an array, also null there), an
   * unknown field, a body that is not one JSON object in UTF-8, a status outside the enum, or a
   * refused character (docs/reference.md: XML's forbidden ones, DEL, C1 controls, non-characters)
   * anywhere, raw or escaped.
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
    return forbidden == null ? null : "a refused character in " + forbidden;
  }

  private static String forbidden(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return allowed(node.asText()) ? null : "a text";
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
