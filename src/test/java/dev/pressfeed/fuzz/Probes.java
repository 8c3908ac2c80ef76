package dev.pressfeed.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import static dev.pressfeed.fuzz.Dice.way;

/**
 * Requests, drawn symbolically (which id, which validator) and made concrete against what the
 * session knows (the ids it created, their current and earlier ETags, the feeds' validators,
 * the idempotency keys it used) by {@link Plan#probe}. Drawn from a seeded {@link Dice}.
 *
 * <p>What is drawn: methods (GET, HEAD, POST, PUT, DELETE, and PATCH, OPTIONS, TRACE, CONNECT,
 * lower-case get, FOO, PROPFIND); paths (every route, known and unknown ids, odd ids, unknown
 * paths, odd spellings of the routes); query parameters ({@code limit}, {@code cursor} with the
 * session's real, truncated and forged cursors, {@code tag}, {@code lang}, {@code status},
 * unknown and malformed ones); headers ({@code Authorization}, {@code Content-Type} with every
 * charset, {@code If-Match} and {@code If-None-Match} with current, stale, weak, listed, star
 * and garbage validators, {@code If-Modified-Since} in every HTTP date form and broken ones,
 * {@code Idempotency-Key} fresh, reused and odd, and up to two extra headers).
 */
final class Probes {

  private Probes() {}

  enum Target {
    RELEASES, RELEASE_KNOWN, RELEASE_UNKNOWN, RELEASE_ODD_ID, FEED_RSS, FEED_ATOM, FEED_JSON,
    EDITOR_LIST, EDITOR_KNOWN, EDITOR_UNKNOWN, UNKNOWN_PATH, ODD_PATH
  }

  enum Validator { NONE, CURRENT, STALE, STAR, WEAK_CURRENT, LIST, GARBAGE }

  enum Key { NONE, FRESH, REUSED, ODD }

  /** The state a plan is made concrete against. */
  interface Desk {
    List<String> ids();

    String etag(String id);

    String staleEtag(String id);

    String feedEtag();

    String lastModified();

    List<String> usedKeys();

    /** The last {@code next} cursor a list or feed gave, if any. */
    String cursor();
  }

  record Plan(String method, Target target, int pick, List<String> query, String auth, String contentType,
      Validator ifMatch, Validator ifNoneMatch, String ifModifiedSince, Key key, String oddKey,
      List<Map.Entry<String, String>> extra, Bodies.Body body, boolean sendBody) {

    Probe probe(Desk desk) {
      List<String> ids = desk.ids();
      String id = ids.isEmpty() ? "2026-11-26-none" : ids.get(Math.floorMod(pick, ids.size()));
      String path = switch (target) {
        case RELEASES -> "/releases";
        case RELEASE_KNOWN -> "/releases/" + id;
        case RELEASE_UNKNOWN -> "/releases/2026-11-26-unknown-" + Math.floorMod(pick, 1000);
        case RELEASE_ODD_ID -> "/releases/" + ODD_IDS.get(Math.floorMod(pick, ODD_IDS.size()));
        case FEED_RSS -> "/feed.rss";
        case FEED_ATOM -> "/feed.atom";
        case FEED_JSON -> "/feed.json";
        case EDITOR_LIST -> "/editor/releases";
        case EDITOR_KNOWN -> "/editor/releases/" + id;
        case EDITOR_UNKNOWN -> "/editor/releases/nope-" + Math.floorMod(pick, 1000);
        case UNKNOWN_PATH -> UNKNOWN_PATHS.get(Math.floorMod(pick, UNKNOWN_PATHS.size()));
        case ODD_PATH -> ODD_PATHS.get(Math.floorMod(pick, ODD_PATHS.size()));
      };
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      if (auth != null) {
        headers.add(Map.entry("Authorization", auth));
      }
      if (contentType != null) {
        headers.add(Map.entry("Content-Type", contentType));
      }
      String match = validator(ifMatch, desk.etag(id), desk.staleEtag(id));
      if (match != null) {
        headers.add(Map.entry("If-Match", match));
      }
      String noneMatch = validator(ifNoneMatch, target == Target.FEED_RSS || target == Target.FEED_ATOM
          || target == Target.FEED_JSON ? desk.feedEtag() : desk.etag(id), desk.staleEtag(id));
      if (noneMatch != null) {
        headers.add(Map.entry("If-None-Match", noneMatch));
      }
      if (ifModifiedSince != null) {
        headers.add(Map.entry("If-Modified-Since",
            ifModifiedSince.equals("LAST") ? (desk.lastModified() == null ? "garbage" : desk.lastModified())
                : ifModifiedSince));
      }
      switch (key) {
        case FRESH -> headers.add(Map.entry("Idempotency-Key", "key-" + Integer.toHexString(pick)));
        case REUSED -> headers.add(Map.entry("Idempotency-Key", desk.usedKeys().isEmpty() ? "key-0"
            : desk.usedKeys().get(Math.floorMod(pick, desk.usedKeys().size()))));
        case ODD -> headers.add(Map.entry("Idempotency-Key", oddKey));
        case NONE -> { }
      }
      headers.addAll(extra);
      List<String> params = new ArrayList<>();
      String cursor = desk.cursor() == null ? "none" : desk.cursor();
      for (String q : query) {
        params.add(switch (q) {
          case "cursor=NEXT" -> "cursor=" + cursor;
          case "cursor=NEXT_TRUNCATED" -> "cursor=" + cursor.substring(0, cursor.length() / 2);
          case "cursor=NEXT_FLIPPED" -> "cursor=" + flip(cursor, pick);
          default -> q;
        });
      }
      return new Probe(method, path, String.join("&", params), headers, sendBody ? body.bytes() : null);
    }

    /** One character of a cursor changed: a forged cursor must be refused, not followed. */
    private static String flip(String cursor, int pick) {
      char[] chars = cursor.toCharArray();
      int at = Math.floorMod(pick, chars.length);
      chars[at] = chars[at] == 'A' ? 'B' : 'A';
      return new String(chars);
    }

    private static String validator(Validator v, String current, String stale) {
      String now = current == null ? "\"nothing\"" : current;
      return switch (v) {
        case NONE -> null;
        case CURRENT -> now;
        case STALE -> stale == null ? "\"v0\"" : stale;
        case STAR -> "*";
        case WEAK_CURRENT -> "W/" + now;
        case LIST -> "\"a\", " + now + " , W/\"b\"";
        case GARBAGE -> now.length() > 2 ? now.substring(1) : "garbage";
      };
    }
  }

  static final List<String> ODD_IDS = List.of("%00", "..%2F..%2Fetc", "A-B", "x".repeat(300), "%F0%9F%98%80",
      "%ZZ", "2026-11-26-x%0Ay", "-", "1", "%E2%80%AE", "a+b", "%2e%2e", "%FF", "a;b=c", "%20");
  static final List<String> UNKNOWN_PATHS = List.of("/", "/feed", "/feed.xml", "/releases/a/b", "/editor",
      "/editor/releases/a/b", "/RELEASES", "/admin", "/.env", "/feed.rss/x", "/releases.json");
  static final List<String> ODD_PATHS = List.of("//releases", "/releases/", "/releases//", "/%72eleases",
      "/feed%2Erss", "/releases/%2F", "/releases%00", "/./releases", "/releases/../feed.rss", "/feed.rss;x=1",
      "/editor//releases", "/releases?", "/ releases", "/releases#x", "/\u00FCber", "/releases/\u00FCber");

  static String queryParam(Dice dice) {
    return dice.weighted(
        way(3, () -> dice.oneOf("limit=1", "limit=2", "limit=20", "limit=100", "limit=0", "limit=101",
            "limit=-1", "limit=1.5", "limit=", "limit=abc", "limit=99999999999999999999", "limit=%31", "limit=+5",
            "limit=1&limit=2", "limit=%00")),
        way(3, () -> dice.oneOf("cursor=", "cursor=abc", "cursor=%ZZ", "cursor=eyJ0IjoxfQ", "cursor=....",
            "cursor=" + "A".repeat(2000), "cursor=%00", "cursor=null", "cursor=NEXT", "cursor=NEXT_TRUNCATED",
            "cursor=NEXT_FLIPPED")),
        way(3, () -> dice.oneOf("tag=press", "tag=PRESS", "tag=Smart%20City", "tag=F%C3%B6rderung", "tag=",
            "tag=%ZZ", "tag=%", "tag=a%2Cb", "tag=" + "t".repeat(300), "tag=%00", "tag=%0B", "tag=%EF%BF%BE",
            "tag=%ED%A0%80", "tag=%FF", "tag=nothing-" + "q", "tag=a&tag=b")),
        way(3, () -> dice.oneOf("lang=de", "lang=DE", "lang=de-DE", "lang=en", "lang=", "lang=x", "lang=%ZZ",
            "lang=de_DE", "lang=*", "lang=%00", "lang=" + "d".repeat(100))),
        way(1, () -> dice.oneOf("status=draft", "status=scheduled", "status=published", "status=retracted",
            "status=all", "status=ALL", "status=", "status=x")),
        way(1, () -> dice.oneOf("utm_source=x", "callback=alert", "%ZZ=1", "=", "&&", "a", "format=xml",
            "x=%E2%80%AE", "page=2", "%", "a=b=c", "q=%2")));
  }

  static String method(Dice dice) {
    return dice.weighted(
        way(40, () -> "GET"), way(10, () -> "HEAD"), way(14, () -> "POST"), way(10, () -> "PUT"),
        way(5, () -> "DELETE"),
        way(5, () -> dice.oneOf("PATCH", "OPTIONS", "TRACE", "CONNECT", "get", "FOO", "PROPFIND")));
  }

  static String auth(Dice dice) {
    return dice.weighted(
        way(30, () -> "Bearer " + InProcessGateway.TOKEN),
        way(2, () -> null),
        way(3, () -> dice.oneOf("Bearer wrong", "Bearer", "Bearer ", "Basic " + InProcessGateway.TOKEN,
            "bearer " + InProcessGateway.TOKEN, "Bearer  " + InProcessGateway.TOKEN + " ",
            "Bearer " + InProcessGateway.TOKEN + "x", InProcessGateway.TOKEN, "Bearer \u0000",
            "Bearer " + "a".repeat(5000))));
  }

  static String contentType(Dice dice) {
    return dice.weighted(
        way(24, () -> dice.oneOf("application/json", "application/json; charset=utf-8")),
        way(4, () -> dice.oneOf("application/json;charset=UTF-8", "application/json; charset=\"utf-8\"",
            "Application/JSON", "application/json ; charset=utf-8", "application/json; charset=latin1",
            "application/json; charset=iso-8859-1", "application/json; charset=utf-16",
            "application/json; charset=UTF-16LE", "application/json; charset=windows-1252",
            "application/json; charset=", "application/json; charset=bogus", "application/json;charset=us-ascii",
            "text/plain", "application/problem+json", "application/merge-patch+json", "application/xml",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", "",
            "application/json, text/plain", "garbage", "application/json; charset=utf-8; charset=latin1",
            "application/vnd.api+json", "application/json\u0000")),
        way(2, () -> null));
  }

  static String httpDate(Dice dice) {
    return dice.weighted(
        way(3, () -> "LAST"),
        way(3, () -> dice.oneOf("Thu, 26 Nov 2026 09:00:00 GMT", "Thursday, 26-Nov-26 09:00:00 GMT",
            "Thu Nov 26 09:00:00 2026", "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994", "Fri, 01 Jan 2100 00:00:00 GMT", "Thu, 01 Jan 1970 00:00:00 GMT",
            "Thu, 1 Jan 1970 00:00:00 GMT", "Mon, 30 Nov 2026 17:00:00 GMT")),
        way(2, () -> dice.oneOf("garbage", "", "0", "-1", "Thu, 99 Nov 2026 09:00:00 GMT",
            "Thu, 26 Nov 2026 09:00:00 PST", "2026-11-26T09:00:00Z", "Thu, 26 Nov 99999 09:00:00 GMT",
            "Thu, 26 Nov 2026 09:00:00 GMT, Thu, 26 Nov 2026 09:00:00 GMT", "\u0000", "Thu, 26 Nov 2026 24:00:00 GMT")));
  }

  static final List<Map.Entry<String, String>> EXTRA_HEADERS = List.of(
      Map.entry("Accept", "application/json"), Map.entry("Accept", "*/*;q=0"), Map.entry("Accept-Encoding", "gzip"),
      Map.entry("Host", "evil.example"), Map.entry("X-Forwarded-Host", "evil.example"),
      Map.entry("X-Forwarded-Proto", "javascript"), Map.entry("Content-Length", "999999999"),
      Map.entry("Content-Length", "-1"), Map.entry("Transfer-Encoding", "chunked"), Map.entry("Range", "bytes=0-1"),
      Map.entry("If-Range", "\"x\""), Map.entry("Cookie", "a=b"), Map.entry("User-Agent", "\u00FC\u0000"),
      Map.entry("X-Long", "x".repeat(8000)), Map.entry("If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"),
      Map.entry("Authorization", "Bearer second"), Map.entry("Idempotency-Key", "second"),
      Map.entry("Content-Type", "text/plain"), Map.entry("If-Match", "\"second\""));

  static List<Map.Entry<String, String>> extraHeaders(Dice dice) {
    return dice.listOf(0, 2, () -> dice.oneOf(EXTRA_HEADERS));
  }

  private static final List<String> ODD_KEYS = List.of("", " ", "k".repeat(300), "k".repeat(10_000), "ключ",
      "a\u0000b", "a,b", "\"quoted\"", "😀", "\u202Ekey");

  /**
   * A plan without its body (which {@link #withBody} adds when {@link Plan#sendBody} says so):
   * what depends on the method (the target, If-Match, the key, whether a body goes) is chosen
   * from it.
   */
  static Plan plan(Dice dice) {
    String method = method(dice);
    boolean write = method.equals("POST") || method.equals("PUT") || method.equals("DELETE");
    int dice100 = dice.between(0, 99);
    Target target = method.equals("POST") ? (dice100 < 92 ? Target.RELEASES : dice.oneOf(Target.values()))
        : write ? dice.weighted(way(12, () -> Target.RELEASE_KNOWN), way(2, () -> dice.oneOf(Target.values())))
        : dice.oneOf(Target.values());
    int pick = dice.between(0, 1 << 20);
    List<String> query = dice.listOf(0, 3, () -> queryParam(dice));
    String auth = auth(dice);
    String contentType = contentType(dice);
    Validator ifMatch = method.equals("PUT") || method.equals("DELETE") || dice100 < 5
        ? dice.weighted(way(10, () -> Validator.CURRENT), way(4, () -> dice.oneOf(Validator.values())))
        : Validator.NONE;
    Validator ifNoneMatch = dice.weighted(way(6, () -> Validator.NONE), way(2, () -> dice.oneOf(Validator.values())));
    String ifModifiedSince = dice.orNull(0.8, () -> httpDate(dice));
    Key key = method.equals("POST") || dice100 < 4
        ? dice.weighted(way(5, () -> Key.NONE), way(3, () -> Key.FRESH), way(2, () -> Key.REUSED), way(1, () -> Key.ODD))
        : Key.NONE;
    String oddKey = dice.oneOf(ODD_KEYS);
    List<Map.Entry<String, String>> extra = dice.chance(0.85) ? List.of() : extraHeaders(dice);
    boolean sendBody = write ? dice100 < 85 || method.equals("PUT") && dice100 < 95 : dice100 < 8;
    return new Plan(method, target, pick, query, auth, contentType, ifMatch, ifNoneMatch, ifModifiedSince, key,
        oddKey, extra, null, sendBody);
  }

  /** The plan with the body it sends. */
  static Plan withBody(Plan plan, Bodies.Body body) {
    return new Plan(plan.method(), plan.target(), plan.pick(), plan.query(), plan.auth(), plan.contentType(),
        plan.ifMatch(), plan.ifNoneMatch(), plan.ifModifiedSince(), plan.key(), plan.oddKey(), plan.extra(), body,
        plan.sendBody());
  }
}
