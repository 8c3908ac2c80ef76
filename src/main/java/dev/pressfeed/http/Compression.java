package dev.pressfeed.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Content coding of public answers (RFC 9110 §8.4, §12.5.3): gzip for a client that accepts it,
 * where no CDN compresses in front ({@code RESPONSE_COMPRESSION}). Applied by the {@link Router}
 * around its routes and before a HEAD loses its body, so GET and HEAD carry the same coding,
 * {@code ETag} and {@code Content-Length}, on Lambda and in the local gateway alike.
 *
 * <p>Each coding is its own representation with its own strong ETag: the routes compute the
 * identity one ({@code "abc"}) and know nothing of codings; here the gzip one is the same tag
 * with {@value #SUFFIX} inside the quotes ({@code "abc-gzip"}). A conditional request from a
 * client that gets gzip is translated before the routes see it: {@code "abc-gzip"} becomes
 * {@code "abc"}, and a tag of the identity coding matches nothing, so a 304 always confirms the
 * coding the client holds. A client that gets identity needs no translation: a gzip tag never
 * equals the identity tag it is made from.
 *
 * <p>Which answers vary: the public ones ({@code Cache-Control: public}) with a text body, and
 * their 304s; every public representation here is text, so a 304 stands for a compressible one.
 * Every such answer, identity or gzip, 200, 304, 404 or 410 page, says {@code Vary:
 * Accept-Encoding}. Problems ({@code no-store}) and the editor's answers are never compressed.
 * Every varying answer is compressed for a client that accepts gzip, however small: a rule that
 * depended on the body's size would leave a 304, which has no body, unable to name its coding.
 */
public final class Compression {

  /** What the gzip coding adds inside an identity ETag's quotes. */
  static final String SUFFIX = "-gzip";

  /** No coding: answers as the routes make them, no {@code Vary}. */
  public static final Compression OFF = new Compression(false, null);

  private final boolean gzip;
  /** The paths whose answers are gzipped here; {@code null} for every path. */
  private final Set<String> paths;
  /** Gzip bodies by the identity ETag they encode: a poll without validators is not compressed again. */
  private final RecentResponses encoded;

  private Compression(boolean gzip, Set<String> paths) {
    this.gzip = gzip;
    this.paths = paths;
    // Compressed feeds are a fifth of their text: 4 MiB hold what the routes' own 16 MiB hold.
    this.encoded = gzip ? new RecentResponses(64, 4L << 20) : null;
  }

  /** Gzip when a client accepts it; one per router, since each keeps its own encoded bodies. */
  public static Compression gzip() {
    return new Compression(true, null);
  }

  /**
   * Gzip for the answers to {@code paths} only; every other answer as the routes make it. Behind
   * a CDN that compresses with gzip and Brotli, these are the paths whose type the CDN leaves as
   * it is (CloudFront's list of types it compresses has RSS, JSON, XML, HTML and plain text, but
   * neither Atom nor JSON Feed): the others reach it uncompressed and can go out as Brotli (an
   * origin's gzip body is served as is). Chosen by path, not type, because a 304 has no type and
   * must still name the coding its 200 would have: each of these paths answers one type.
   */
  public static Compression only(Set<String> paths) {
    return new Compression(true, Set.copyOf(paths));
  }

  /** The answer {@code route} gives {@code request}, in the coding the client accepts. */
  Response answer(Request request, Function<Request, Response> route) {
    if (!gzip || paths != null && !paths.contains(request.path())) {
      return route.apply(request);
    }
    boolean toGzip = acceptsGzip(request.header("accept-encoding").orElse(null));
    Response response = route.apply(toGzip ? forGzip(request) : request);
    if (!varies(response)) {
      return response;
    }
    Response out = response.withHeader("Vary", vary(response.headers().get("Vary")));
    if (!toGzip || out.headers().containsKey("Content-Encoding")) {
      return out;
    }
    String etag = out.headers().get("ETag");
    if (out.status() != 304) {
      Response identity = out;
      byte[] body = etag == null ? Gzip.encode(identity.body())
          // The strong ETag names these exact bytes, so their encoding is looked up by it; the
          // length and type guard against two routes' tags ever meeting in one router.
          : encoded.get(etag + "\n" + identity.body().length + "\n" + identity.headers().get("Content-Type"),
              () -> new Response(200, Map.of(), Gzip.encode(identity.body()))).body();
      out = new Response(out.status(), out.headers(), body).withHeader("Content-Encoding", "gzip");
    }
    return etag == null ? out : out.withHeader("ETag", gzipTag(etag));
  }

  /** Whether the answer is a public representation whose coding depends on Accept-Encoding. */
  private static boolean varies(Response response) {
    String cacheControl = response.headers().get("Cache-Control");
    if (cacheControl == null || !cacheControl.regionMatches(true, 0, "public", 0, 6)) {
      return false;
    }
    return response.status() == 304
        || response.body().length > 0 && compressible(response.headers().get("Content-Type"));
  }

  /** Text: HTML, XML and {@code +xml}, JSON and {@code +json} (problem+json too), plain text. */
  static boolean compressible(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
        .toLowerCase(Locale.ROOT);
    return type.equals("text/html") || type.equals("text/plain") || type.equals("text/xml")
        || type.equals("application/xml") || type.endsWith("+xml")
        || type.equals("application/json") || type.endsWith("+json");
  }

  private static String vary(String existing) {
    if (existing == null || existing.isBlank()) {
      return "Accept-Encoding";
    }
    for (String name : existing.split(",")) {
      if (name.strip().equalsIgnoreCase("Accept-Encoding") || name.strip().equals("*")) {
        return existing;
      }
    }
    return existing + ", Accept-Encoding";
  }

  /** {@code "abc"} → {@code "abc-gzip"}, {@code W/"abc"} → {@code W/"abc-gzip"}. */
  static String gzipTag(String etag) {
    return etag.endsWith("\"") && etag.length() >= 2
        ? etag.substring(0, etag.length() - 1) + SUFFIX + "\"" : etag;
  }

  /**
   * The request as the routes must see it when the answer will be gzip: in {@code If-None-Match},
   * gzip tags become the identity tags the routes compute, {@code *} stays, and identity tags are
   * dropped (the client holds another representation). With none left the header stays, as
   * {@code ""}, which matches no tag: a present If-None-Match means If-Modified-Since is not
   * consulted (RFC 9110 §13.1.3), whatever is left of it.
   */
  static Request forGzip(Request request) {
    String noneMatch = request.headers().get("if-none-match");
    if (noneMatch == null) {
      return request;
    }
    StringBuilder kept = new StringBuilder();
    // Split as Conditional.notModified splits, so both read the same list.
    for (String candidate : noneMatch.split(",")) {
      String tag = candidate.strip();
      String identity = tag.equals("*") ? tag : identityTag(tag);
      if (identity != null) {
        kept.append(kept.length() == 0 ? "" : ", ").append(identity);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>(request.headers());
    headers.put("if-none-match", kept.length() == 0 ? "\"\"" : kept.toString());
    return new Request(request.method(), request.path(), request.query(), headers, request.body(),
        request.editor(), request.baseUrl());
  }

  /** {@code "abc-gzip"} → {@code "abc"} (weak too); {@code null} for any other tag. */
  static String identityTag(String tag) {
    String end = SUFFIX + "\"";
    int opaque = tag.startsWith("W/") ? 2 : 0;
    if (tag.length() < opaque + 1 + end.length() || tag.charAt(opaque) != '"' || !tag.endsWith(end)) {
      return null;
    }
    return tag.substring(0, tag.length() - end.length()) + "\"";
  }

  /**
   * Whether an {@code Accept-Encoding} field accepts gzip (RFC 9110 §12.5.3). Absent: no (any
   * coding is then acceptable, but identity is what such clients expect). Empty: no, identity
   * only. {@code gzip} (or {@code x-gzip}, its old name, §8.4.1.3) with a weight above 0, or,
   * when neither is listed, {@code *} with one, accepts it; an explicit {@code identity} with a
   * higher weight wins, a tie goes to gzip. Names and {@code q} are case-insensitive. An element
   * whose weight is not a qvalue ({@code q=abc}, {@code q=-1}, {@code q=2}, four decimals) is
   * ignored, as if not sent: a client that cannot write its weight has not said it accepts gzip.
   * Other parameters are ignored. Linear in the field's length, whatever it holds.
   */
  public static boolean acceptsGzip(String field) {
    if (field == null) {
      return false;
    }
    int gzip = -1;
    int xGzip = -1;
    int any = -1;
    int identity = -1;
    int start = 0;
    int length = field.length();
    while (start <= length) {
      int comma = field.indexOf(',', start);
      int end = comma < 0 ? length : comma;
      int nameEnd = start;
      while (nameEnd < end && field.charAt(nameEnd) != ';') {
        nameEnd++;
      }
      String name = field.substring(start, nameEnd).strip().toLowerCase(Locale.ROOT);
      int weight = nameEnd == end ? 1000 : weight(field.substring(nameEnd, end));
      if (weight >= 0 && !name.isEmpty()) {
        switch (name) {
          case "gzip" -> gzip = Math.max(gzip, weight);
          case "x-gzip" -> xGzip = Math.max(xGzip, weight);
          case "*" -> any = Math.max(any, weight);
          case "identity" -> identity = Math.max(identity, weight);
          default -> { }
        }
      }
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    int q = gzip >= 0 ? gzip : xGzip >= 0 ? xGzip : any;
    return q > 0 && q >= identity;
  }

  /**
   * The weight in thousandths from an element's parameters ({@code ;q=0.5}), 1000 without one,
   * or -1 when a {@code q} is there but is not a qvalue.
   */
  private static int weight(String parameters) {
    int weight = 1000;
    for (String parameter : parameters.split(";")) {
      String p = parameter.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0 || !p.substring(0, eq).strip().equalsIgnoreCase("q")) {
        continue;
      }
      weight = qvalue(p.substring(eq + 1).strip());
      if (weight < 0) {
        return -1;
      }
    }
    return weight;
  }

  /** {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}, in thousandths; -1 if not one. */
  static int qvalue(String text) {
    if (text.isEmpty() || text.length() > 5 || (text.charAt(0) != '0' && text.charAt(0) != '1')) {
      return -1;
    }
    int whole = text.charAt(0) - '0';
    if (text.length() == 1) {
      return whole * 1000;
    }
    if (text.charAt(1) != '.') {
      return -1;
    }
    int thousandths = 0;
    for (int i = 2; i < 5; i++) {
      int digit = 0;
      if (i < text.length()) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        digit = c - '0';
      }
      thousandths = thousandths * 10 + digit;
    }
    if (whole == 1 && thousandths != 0) {
      return -1;
    }
    return whole * 1000 + thousandths;
  }
}
