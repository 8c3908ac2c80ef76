package dev.pressfeed.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Requests, drawn symbolically (which id, which validator) and made concrete against what the
 * session knows (the ids it created, their current and earlier ETags, the feeds' validators,
 * the idempotency keys it used) by {@link Plan#probe}.
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

  static Arbitrary<String> queryParam() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of("limit=1", "limit=2", "limit=20", "limit=100", "limit=0", "limit=101",
            "limit=-1", "limit=1.5", "limit=", "limit=abc", "limit=99999999999999999999", "limit=%31", "limit=+5",
            "limit=1&limit=2", "limit=%00")),
        Tuple.of(3, Arbitraries.of("cursor=", "cursor=abc", "cursor=%ZZ", "cursor=eyJ0IjoxfQ", "cursor=....",
            "cursor=" + "A".repeat(2000), "cursor=%00", "cursor=null", "cursor=NEXT", "cursor=NEXT_TRUNCATED",
            "cursor=NEXT_FLIPPED")),
        Tuple.of(3, Arbitraries.of("tag=press", "tag=PRESS", "tag=Smart%20City", "tag=F%C3%B6rderung", "tag=",
            "tag=%ZZ", "tag=%", "tag=a%2Cb", "tag=" + "t".repeat(300), "tag=%00", "tag=%0B", "tag=%EF%BF%BE",
            "tag=%ED%A0%80", "tag=%FF", "tag=nothing-" + "q", "tag=a&tag=b")),
        Tuple.of(3, Arbitraries.of("lang=de", "lang=DE", "lang=de-DE", "lang=en", "lang=", "lang=x", "lang=%ZZ",
            "lang=de_DE", "lang=*", "lang=%00", "lang=" + "d".repeat(100))),
        Tuple.of(1, Arbitraries.of("status=draft", "status=scheduled", "status=published", "status=retracted",
            "status=all", "status=ALL", "status=", "status=x")),
        Tuple.of(1, Arbitraries.of("utm_source=x", "callback=alert", "%ZZ=1", "=", "&&", "a", "format=xml",
            "x=%E2%80%AE", "page=2", "%", "a=b=c", "q=%2")));
  }

  static Arbitrary<String> method() {
    return Arbitraries.frequencyOf(
        Tuple.of(40, Arbitraries.just("GET")), Tuple.of(10, Arbitraries.just("HEAD")),
        Tuple.of(14, Arbitraries.just("POST")), Tuple.of(10, Arbitraries.just("PUT")),
        Tuple.of(5, Arbitraries.just("DELETE")),
        Tuple.of(5, Arbitraries.of("PATCH", "OPTIONS", "TRACE", "CONNECT", "get", "FOO", "PROPFIND")));
  }

  static Arbitrary<Target> target(String method) {
    return switch (method) {
      case "POST" -> Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(Target.RELEASES)),
          Tuple.of(1, Arbitraries.of(Target.values())));
      case "PUT", "DELETE" -> Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(Target.RELEASE_KNOWN)),
          Tuple.of(2, Arbitraries.of(Target.values())));
      default -> Arbitraries.of(Target.values());
    };
  }

  static Arbitrary<String> auth() {
    return Arbitraries.frequencyOf(
        Tuple.of(30, Arbitraries.just("Bearer " + InProcessGateway.TOKEN)),
        Tuple.of(2, Arbitraries.just((String) null)),
        Tuple.of(3, Arbitraries.of("Bearer wrong", "Bearer", "Bearer ", "Basic " + InProcessGateway.TOKEN,
            "bearer " + InProcessGateway.TOKEN, "Bearer  " + InProcessGateway.TOKEN + " ",
            "Bearer " + InProcessGateway.TOKEN + "x", InProcessGateway.TOKEN, "Bearer \u0000",
            "Bearer " + "a".repeat(5000))));
  }

  static Arbitrary<String> contentType() {
    return Arbitraries.frequencyOf(
        Tuple.of(24, Arbitraries.of("application/json", "application/json; charset=utf-8")),
        Tuple.of(4, Arbitraries.of("application/json;charset=UTF-8", "application/json; charset=\"utf-8\"",
            "Application/JSON", "application/json ; charset=utf-8", "application/json; charset=latin1",
            "application/json; charset=iso-8859-1", "application/json; charset=utf-16",
            "application/json; charset=UTF-16LE", "application/json; charset=windows-1252",
            "application/json; charset=", "application/json; charset=bogus", "application/json;charset=us-ascii",
            "text/plain", "application/problem+json", "application/merge-patch+json", "application/xml",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", "",
            "application/json, text/plain", "garbage", "application/json; charset=utf-8; charset=latin1",
            "application/vnd.api+json", "application/json\u0000")),
        Tuple.of(2, Arbitraries.just((String) null)));
  }

  static Arbitrary<String> httpDate() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just("LAST")),
        Tuple.of(3, Arbitraries.of("Thu, 26 Nov 2026 09:00:00 GMT", "Thursday, 26-Nov-26 09:00:00 GMT",
            "Thu Nov 26 09:00:00 2026", "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994", "Fri, 01 Jan 2100 00:00:00 GMT", "Thu, 01 Jan 1970 00:00:00 GMT",
            "Thu, 1 Jan 1970 00:00:00 GMT", "Mon, 30 Nov 2026 17:00:00 GMT")),
        Tuple.of(2, Arbitraries.of("garbage", "", "0", "-1", "Thu, 99 Nov 2026 09:00:00 GMT",
            "Thu, 26 Nov 2026 09:00:00 PST", "2026-11-26T09:00:00Z", "Thu, 26 Nov 99999 09:00:00 GMT",
            "Thu, 26 Nov 2026 09:00:00 GMT, Thu, 26 Nov 2026 09:00:00 GMT", "\u0000", "Thu, 26 Nov 2026 24:00:00 GMT")));
  }

  static Arbitrary<List<Map.Entry<String, String>>> extraHeaders() {
    return Arbitraries.of(
        Map.entry("Accept", "application/json"), Map.entry("Accept", "*/*;q=0"), Map.entry("Accept-Encoding", "gzip"),
        Map.entry("Host", "evil.example"), Map.entry("X-Forwarded-Host", "evil.example"),
        Map.entry("X-Forwarded-Proto", "javascript"), Map.entry("Content-Length", "999999999"),
        Map.entry("Content-Length", "-1"), Map.entry("Transfer-Encoding", "chunked"), Map.entry("Range", "bytes=0-1"),
        Map.entry("If-Range", "\"x\""), Map.entry("Cookie", "a=b"), Map.entry("User-Agent", "\u00FC\u0000"),
        Map.entry("X-Long", "x".repeat(8000)), Map.entry("If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"),
        Map.entry("Authorization", "Bearer second"), Map.entry("Idempotency-Key", "second"),
        Map.entry("Content-Type", "text/plain"), Map.entry("If-Match", "\"second\""))
        .list().ofMaxSize(2);
  }

  /**
   * Plans without their bodies: one flat combination (no {@code flatMap}, which makes jqwik
   * build new arbitraries on every draw); what depends on the method (the target, If-Match,
   * the key) is drawn for both kinds and chosen when the plan is made.
   */
  static Arbitrary<Plan> plans() {
    Arbitrary<Target> writeTarget = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(Target.RELEASE_KNOWN)),
        Tuple.of(2, Arbitraries.of(Target.values())));
    Arbitrary<Target> anyTarget = Arbitraries.of(Target.values());
    Arbitrary<Validator> ifMatch = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(Validator.CURRENT)),
        Tuple.of(4, Arbitraries.of(Validator.values())));
    Arbitrary<Validator> ifNoneMatch = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(Validator.NONE)),
        Tuple.of(2, Arbitraries.of(Validator.values())));
    Arbitrary<Key> key = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(Key.NONE)),
        Tuple.of(3, Arbitraries.just(Key.FRESH)), Tuple.of(2, Arbitraries.just(Key.REUSED)),
        Tuple.of(1, Arbitraries.just(Key.ODD)));
    Arbitrary<String> oddKey = Arbitraries.of("", " ", "k".repeat(300), "k".repeat(10_000), "ключ", "a\u0000b",
        "a,b", "\"quoted\"", "😀", "\u202Ekey");
    Arbitrary<Integer> dice = Arbitraries.integers().between(0, 99);
    return Combinators.combine(List.<Arbitrary<Object>>of(method().map(o -> o), writeTarget.map(o -> o),
            anyTarget.map(o -> o), Arbitraries.integers().between(0, 1 << 20).map(o -> o),
            queryParam().list().ofMaxSize(3).map(o -> o), auth().map(o -> o), contentType().map(o -> o),
            ifMatch.map(o -> o), ifNoneMatch.map(o -> o), httpDate().injectNull(0.8).map(o -> o), key.map(o -> o),
            oddKey.map(o -> o), extraHeaders().injectNull(0.85).map(o -> o), dice.map(o -> o)))
        .as(Probes::plan);
  }

  @SuppressWarnings("unchecked")
  private static Plan plan(List<Object> p) {
    String method = (String) p.get(0);
    boolean write = method.equals("POST") || method.equals("PUT") || method.equals("DELETE");
    int dice = (Integer) p.get(13);
    Target target = method.equals("POST") ? (dice < 92 ? Target.RELEASES : (Target) p.get(2))
        : write ? (Target) p.get(1) : (Target) p.get(2);
    Validator ifMatch = method.equals("PUT") || method.equals("DELETE") || dice < 5 ? (Validator) p.get(7) : Validator.NONE;
    Key key = method.equals("POST") || dice < 4 ? (Key) p.get(10) : Key.NONE;
    boolean sendBody = write ? dice < 85 || method.equals("PUT") && dice < 95 : dice < 8;
    List<Map.Entry<String, String>> extra = (List<Map.Entry<String, String>>) p.get(12);
    return new Plan(method, target, (Integer) p.get(3), (List<String>) p.get(4), (String) p.get(5),
        (String) p.get(6), ifMatch, (Validator) p.get(8), (String) p.get(9), key, (String) p.get(11),
        extra == null ? List.of() : extra, null, sendBody);
  }

  /** The plan with the body it sends. */
  static Plan withBody(Plan plan, Bodies.Body body) {
    return new Plan(plan.method(), plan.target(), plan.pick(), plan.query(), plan.auth(), plan.contentType(),
        plan.ifMatch(), plan.ifNoneMatch(), plan.ifModifiedSince(), plan.key(), plan.oddKey(), plan.extra(), body,
        plan.sendBody());
  }
}
