package dev.pressfeed.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Request bodies for {@code POST /releases} that probe what the renderer and the summary
 * derivation make of text, each built from a seeded {@link Random} so a failure can be replayed:
 * Markdown with character references (decimal, hex, named; to characters XML forbids, to
 * characters it discourages, to ordinary ones), raw controls, non-characters, escaped lone
 * surrogates, bidi marks and astral characters, in every text field a release has.
 *
 * <p>Each body comes with what the API must answer. A body whose text holds only allowed
 * characters (character references are text, whatever they refer to) must be accepted; one
 * with a refused character, as typed or as a JSON escape, in some fields must be refused with
 * 422 naming exactly those fields; one with a raw control character inside a JSON string is not
 * JSON and must be refused with 400. Refused characters go between two visible pieces of text,
 * never at an end, where trimming one-line fields would remove a control that is also
 * whitespace (U+000B, U+001C–U+001F).
 */
public final class HostileRelease {

  /** What the API must answer. */
  public enum Expected { ACCEPTED, INVALID, MALFORMED }

  /** One generated body, what it must get, and the fields that must be named in a 422. */
  public record Attempt(byte[] json, Expected expected, Set<String> refusedFields) {
    String text() {
      return new String(json, StandardCharsets.UTF_8);
    }
  }

  /** Code points that references point to: what XML forbids, what it discourages, ordinary. */
  private static final int[] FORBIDDEN = {0x0, 0x1, 0x8, 0xB, 0xC, 0xE, 0x1F, 0xD800, 0xDBFF,
      0xDC00, 0xDFFF, 0xFFFE, 0xFFFF, 0x110000};
  private static final int[] DISCOURAGED = {0x7F, 0x80, 0x85, 0x9F, 0xFDD0, 0xFDEF, 0x1FFFE,
      0x1FFFF, 0xEFFFE, 0x10FFFE, 0x10FFFF};
  private static final int[] ORDINARY = {0x41, 0xE9, 0xA0, 0x2028, 0x2029, 0x200B, 0x200E,
      0x200F, 0x202E, 0x2066, 0x2069, 0xFEFF, 0xFFFD, 0x1F600, 0x1D400, 0xE000, 0x10000,
      0x10FFFD};
  private static final String[] NAMED = {"&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&copy;",
      "&ZeroWidthSpace;", "&rlm;", "&lrm;", "&Afr;", "&ngE;", "&NotAnEntity;", "&amp", "&#;",
      "&#x;", "&#12345678;", "&#x1234567;"};
  private static final String[] WORDS = {"Pressefreiheit", "Darmstadt", "naïve", "Ελλάδα",
      "中文", "עברית", "العربية", "Straße", "x", "2026", "A&B", "<b>", "1 < 2", "\"quoted\""};
  /** Allowed as typed: bidi controls and marks, astral characters, joiners, separators. */
  private static final String[] TYPED = {"\u200E", "\u200F", "\u202A", "\u202B", "\u202C",
      "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u061C", "😀", "👩‍👩‍👧",
      "🇩🇪", "\uD835\uDC00", "\uFEFF", "\u2028", "\u00AD", "\u0301", "\uE000", "\uDBFF\uDFFD"};
  /** Refused as typed (or as a JSON escape): controls, DEL, C1, non-characters, lone surrogates. */
  private static final String[] REFUSED = {"\u0000", "\u0001", "\u0008", "\u000B", "\u000C",
      "\u000E", "\u001B", "\u001F", "\u007F", "\u0080", "\u0085", "\u009F", "\uFDD0", "\uFDEF",
      "\uFFFE", "\uFFFF", "\uD83F\uDFFE", "\uDBFF\uDFFF", "\uD800", "\uDFFF"};
  private static final String[] TAGS = {"Klima", "klima", "Wahl 2026", "😀 Emoji", "\u200Fעברית",
      "a&#x0B;b", "Ελλάδα", "&amp;"};
  private static final String[] LANGUAGES = {"en", "de", "de-CH", "ar", "he", "zh-Hant", "gsw"};

  private final Random random;
  private final Set<String> refusedFields = new LinkedHashSet<>();
  private boolean poison;
  private boolean rawControl;
  private boolean malformed;

  private HostileRelease(long seed) {
    this.random = new Random(seed);
  }

  /** The body drawn from {@code seed}; the same seed gives the same body. */
  public static Attempt draw(long seed) {
    return new HostileRelease(seed).attempt();
  }

  private Attempt attempt() {
    int mode = random.nextInt(10);
    poison = mode >= 6;        // 4 in 10: some field holds a refused character
    rawControl = mode == 9;    // 1 in 10 of those: and one is unescaped inside JSON
    StringBuilder json = new StringBuilder("{");
    field(json, "title", plain("title", 4));
    if (chance(2)) {
      field(json, "subtitle", plain("subtitle", 4));
    }
    if (chance(3)) {
      field(json, "summary", markdownish("summary", 6));
    }
    field(json, "body", markdown("body"));
    field(json, "language", LANGUAGES[random.nextInt(LANGUAGES.length)]);
    json.append("\"status\":\"published\",");
    if (chance(2)) {
      field(json, "location", plain("location", 3));
    }
    json.append("\"tags\":[");
    int tags = random.nextInt(4);
    for (int i = 0; i < tags; i++) {
      json.append(i == 0 ? "" : ",");
      // Mostly from a small pool, so that tag filters hold several releases and pages.
      string(json, chance(4) ? plain("tags[" + i + "]", 2) : TAGS[random.nextInt(TAGS.length)]);
    }
    json.append("],");
    if (chance(2)) {
      json.append("\"organization\":{");
      field(json, "name", plain("organization.name", 3));
      string(json.append("\"url\":"), url("organization.url"));
      json.append("},");
    }
    json.append("\"contacts\":[");
    int contacts = random.nextInt(3);
    for (int i = 0; i < contacts; i++) {
      String at = "contacts[" + i + "].";
      json.append(i == 0 ? "{" : ",{");
      field(json, "name", plain(at + "name", 3));
      field(json, "role", plain(at + "role", 2));
      field(json, "organization", plain(at + "organization", 2));
      field(json, "email", email(at + "email"));
      field(json, "phone", plain(at + "phone", 2));
      field(json, "fax", plain(at + "fax", 2));
      field(json, "address", plain(at + "address", 2) + "\n" + plain(at + "address", 2));
      string(json.append("\"url\":"), url(at + "url"));
      json.append("}");
    }
    json.append("],\"links\":[");
    int links = random.nextInt(3);
    for (int i = 0; i < links; i++) {
      json.append(i == 0 ? "{" : ",{");
      field(json, "title", plain("links[" + i + "].title", 3));
      string(json.append("\"url\":"), url("links[" + i + "].url"));
      json.append("}");
    }
    json.append("],\"attachments\":[");
    int attachments = random.nextInt(3);
    for (int i = 0; i < attachments; i++) {
      json.append(i == 0 ? "{" : ",{");
      field(json, "title", plain("attachments[" + i + "].title", 3));
      field(json, "mediaType", "application/pdf");
      json.append("\"length\":").append(random.nextInt(100_000)).append(",");
      string(json.append("\"url\":"), url("attachments[" + i + "].url"));
      json.append("}");
    }
    json.append("]");
    if (chance(2)) {
      json.append(",");
      string(json.append("\"about\":"), markdown("about"));
    }
    json.append("}");
    // Reading the JSON comes before the value rules: a malformed body is 400 whatever it holds.
    Expected expected = malformed ? Expected.MALFORMED
        : refusedFields.isEmpty() ? Expected.ACCEPTED : Expected.INVALID;
    return new Attempt(json.toString().getBytes(StandardCharsets.UTF_8), expected,
        Set.copyOf(refusedFields));
  }

  // ---- text -------------------------------------------------------------------------------

  /** A one-line text of up to {@code pieces} pieces, sometimes with a refused character. */
  private String plain(String field, int pieces) {
    StringBuilder text = new StringBuilder(visible());
    for (int i = 1 + random.nextInt(pieces); i > 1; i--) {
      text.append(chance(2) ? " " : "").append(piece());
    }
    return maybePoisoned(field, text.toString());
  }

  /** Plain text that may look like Markdown (a summary is shown as typed, never rendered). */
  private String markdownish(String field, int pieces) {
    StringBuilder text = new StringBuilder(visible());
    for (int i = 1 + random.nextInt(pieces); i > 1; i--) {
      text.append(" ").append(random.nextBoolean() ? piece() : structure());
    }
    return maybePoisoned(field, text.toString());
  }

  /** A Markdown document: paragraphs, headings, lists, quotes, code, links, raw HTML. */
  private String markdown(String field) {
    StringBuilder text = new StringBuilder(visible());
    int blocks = 1 + random.nextInt(5);
    for (int b = 0; b < blocks; b++) {
      text.append(switch (random.nextInt(7)) {
        case 0 -> "\n\n# ";
        case 1 -> "\n\n- ";
        case 2 -> "\n\n> ";
        case 3 -> "\n\n```\n" + piece() + " " + reference() + "\n```\n\n";
        case 4 -> "\n";
        default -> "\n\n";
      });
      for (int i = 1 + random.nextInt(6); i > 0; i--) {
        text.append(random.nextBoolean() ? piece() : structure()).append(chance(3) ? "" : " ");
      }
    }
    return maybePoisoned(field, text.toString());
  }

  private String structure() {
    String a = piece();
    return switch (random.nextInt(10)) {
      case 0 -> "*" + a + "*";
      case 1 -> "**" + a + "**";
      case 2 -> "`" + a + " " + reference() + "`";
      case 3 -> "[" + a + "](https://link.example/p?q=" + reference() + " \"" + reference() + " title\")";
      case 4 -> "![" + reference() + "](https://img.example/i.png)";
      case 5 -> "<https://auto.example/" + reference() + ">";
      case 6 -> "<span title=\"" + reference() + "\">" + a + reference() + "</span>";
      case 7 -> "<a href=\"https://raw.example/" + reference() + "\" title=\"" + reference() + "\">" + a + "</a>";
      case 8 -> "<img alt=\"" + reference() + "\" src=\"https://img.example/" + reference() + "\">";
      default -> "<!-- " + reference() + " -->" + a;
    };
  }

  /** A word, a reference or a character typed as itself: never blank, never a refused one. */
  private String piece() {
    return switch (random.nextInt(4)) {
      case 0 -> WORDS[random.nextInt(WORDS.length)];
      case 1, 2 -> reference();
      default -> TYPED[random.nextInt(TYPED.length)];
    };
  }

  private String visible() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  /** A character reference, decimal, hex or named, to a forbidden, discouraged or ordinary one. */
  private String reference() {
    int kind = random.nextInt(4);
    if (kind == 3) {
      return NAMED[random.nextInt(NAMED.length)];
    }
    int[] targets = kind == 0 ? FORBIDDEN : kind == 1 ? DISCOURAGED : ORDINARY;
    int target = targets[random.nextInt(targets.length)];
    return switch (random.nextInt(3)) {
      case 0 -> "&#" + target + ";";
      case 1 -> "&#x" + Integer.toHexString(target) + ";";
      default -> "&#X" + Integer.toHexString(target).toUpperCase() + ";";
    };
  }

  private String url(String field) {
    String url = "https://" + (chance(3) ? "xn--dmstadt-5wa.example" : "press.example") + "/"
        + (chance(2) ? "a?b=c&d=%E2%80%8F" : "r");
    if (poison && chance(6)) {
      refusedFields.add(field);
      return url + REFUSED[random.nextInt(REFUSED.length)] + "x";
    }
    return url;
  }

  private String email(String field) {
    if (poison && chance(6)) {
      refusedFields.add(field);
      return "presse" + REFUSED[random.nextInt(REFUSED.length)] + "x@press.example";
    }
    return chance(2) ? "presse@press.example" : "pr\u200Fesse😀@press.example";
  }

  /** In a poisoned body, a field takes a refused character between two visible pieces. */
  private String maybePoisoned(String field, String text) {
    if (!poison || !chance(5)) {
      return text;
    }
    refusedFields.add(field);
    return visible() + REFUSED[random.nextInt(REFUSED.length)] + text;
  }

  // ---- JSON -------------------------------------------------------------------------------

  private void field(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":");
    string(json, value);
    json.append(',');
  }

  /**
   * A JSON string: quotes and backslashes escaped, controls and lone surrogates as JSON escapes
   * (one raw control when the body is to be malformed), other characters as typed or escaped.
   */
  private void string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1));
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 && rawControl && !malformed && c != '\n') {
        json.append(c);
        malformed = true;
      } else if (c < 0x20 || Character.isSurrogate(c) && !pair || c > 0x7E && random.nextBoolean()) {
        json.append(String.format("\\u%04x", (int) c));
      } else if (pair) {
        json.append(c).append(value.charAt(++i));
      } else {
        json.append(c);
      }
    }
    json.append('"');
  }

  private boolean chance(int oneIn) {
    return random.nextInt(oneIn) == 0;
  }

  /** The fields of a 422 problem, from its {@code errors}. */
  static List<String> fieldsOf(com.fasterxml.jackson.databind.JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }
}
