package dev.pressfeed.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.audience.Audience;
import dev.pressfeed.audience.Reading;
import dev.pressfeed.release.EditorView;
import dev.pressfeed.release.FieldError;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.ReleaseRules;
import dev.pressfeed.release.Slug;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The editor routes. Checks run in the order SPEC §3 fixes: authentication; for POST the body
 * (413, 415, 400, 422) and then the idempotency key (409); for PUT and DELETE the release
 * (404, 409 when retracted), the precondition (428, 412), then the body.
 */
public final class EditorApi {

  /** The largest request body accepted (SPEC §2). */
  public static final int MAX_BODY_BYTES = 256 * 1024;
  static final String LIST = "editor";
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private final Newsroom newsroom;

  public EditorApi(Newsroom newsroom) {
    this.newsroom = newsroom;
  }

  public Router router() {
    return new Router()
        .add("POST", "/releases", (request, params) -> create(request))
        .add("PUT", "/releases/{id}", (request, params) -> replace(request, params.get("id")))
        .add("DELETE", "/releases/{id}", (request, params) -> retract(request, params.get("id")))
        .add("GET", "/editor/releases", (request, params) -> list(request))
        .add("GET", "/editor/releases/{id}", (request, params) -> one(request, params.get("id")))
        .add("GET", "/editor/audience", (request, params) -> audience(request));
  }

  private Response create(Request request) {
    Request.Editor editor = editor(request);
    ReleaseJson.Parsed parsed = readBody(request);
    ReleaseInput input = valid(parsed.input());
    Optional<String> key = request.header("idempotency-key").map(String::strip);
    Release created;
    if (key.isPresent()) {
      if (!IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
        throw Problem.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.",
            List.of(new FieldError("Idempotency-Key", "must be 1 to 255 visible ASCII characters"))).raise();
      }
      created = newsroom.createOnce(input, editor.subject() + "\n" + key.get(), parsed.canonicalHash())
          .orElseThrow(() -> Problem.conflict(
              "This Idempotency-Key was already used with a different body. Use a new key for a new release.").raise());
    } else {
      created = newsroom.create(input);
    }
    return represent(201, request, created)
        .withHeader("Location", request.baseUrl() + "/releases/" + created.id());
  }

  private Response replace(Request request, String id) {
    editor(request);
    Release existing = editable(request, id);
    ReleaseInput input = valid(readBody(request).input());
    Release next = newsroom.revise(existing, input);
    if (!newsroom.save(existing, next)) {
      throw Problem.preconditionFailed().raise();
    }
    return represent(200, request, next);
  }

  private Response retract(Request request, String id) {
    editor(request);
    Release existing = editable(request, id);
    Release retracted = newsroom.retract(existing);
    if (!newsroom.save(existing, retracted)) {
      throw Problem.preconditionFailed().raise();
    }
    return new Response(204, Map.of("ETag", retracted.etag(), "Cache-Control", "no-store"), new byte[0]);
  }

  private Response list(Request request) {
    editor(request);
    int limit = Lists.limit(request);
    String status = Lists.filter(request, "status");
    EditorView view;
    try {
      view = status == null ? EditorView.ALL : EditorView.parse(status.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("status must be draft, scheduled, published, retracted or all.",
          List.of(new FieldError("status", "must be draft, scheduled, published, retracted or all"))).raise();
    }
    Instant now = newsroom.now();
    Page page = newsroom.store().forEditors(view, Lists.after(request, LIST), limit, now);
    Map<String, String> kept = new LinkedHashMap<>();
    kept.put("limit", request.queryParam("limit").orElse(null));
    kept.put("status", status);
    return Lists.page(request, LIST, page, now, kept).withHeader("Cache-Control", "no-store");
  }

  private Response one(Request request, String id) {
    editor(request);
    return represent(200, request, existing(id));
  }

  /**
   * SPEC §11: subscribers per feed and aggregator, as reported in the last seven days; see
   * {@link Audience} for the order and how feed ids are shown.
   */
  private Response audience(Request request) {
    editor(request);
    Audience audience = Audience.at(newsroom.store().audience(), newsroom.now());
    ObjectNode body = ReleaseJson.JSON.createObjectNode();
    body.put("total", audience.total());
    ArrayNode feeds = body.putArray("feeds");
    for (Audience.Feed feed : audience.feeds()) {
      ObjectNode f = feeds.addObject();
      f.put("feed", feed.feed());
      f.put("subscribers", feed.subscribers());
      ArrayNode readers = f.putArray("readers");
      for (Reading reading : feed.readers()) {
        ObjectNode r = readers.addObject();
        r.put("name", reading.reader());
        if (!reading.feedId().isEmpty()) {
          r.put("feedId", reading.feedId());
        }
        r.put("subscribers", reading.subscribers());
        r.put("reportedAt", reading.reportedAt().toString());
      }
    }
    return new Response(200, Map.of("Content-Type", "application/json; charset=utf-8",
        "Cache-Control", "no-store"), ReleaseJson.bytes(body));
  }

  private Request.Editor editor(Request request) {
    return request.editor().orElseThrow(() -> Problem.unauthorized().raise());
  }

  private Release existing(String id) {
    Optional<Release> found = Slug.isWellFormedId(id) ? newsroom.store().find(id) : Optional.empty();
    return found.orElseThrow(() -> Problem.notFound("No release has this id.").raise());
  }

  /** 404, 409 (retracted is final), 428, 412 — in this order. */
  private Release editable(Request request, String id) {
    Release existing = existing(id);
    if (existing.state() == Release.State.RETRACTED) {
      throw Problem.conflict("This release was retracted; a retraction is final.").raise();
    }
    String ifMatch = request.header("if-match")
        .orElseThrow(() -> Problem.preconditionRequired().raise());
    if (!Conditional.ifMatch(ifMatch, existing.etag())) {
      throw Problem.preconditionFailed().raise();
    }
    return existing;
  }

  /** 413, 415, 400 — the body's size, media type and shape. */
  private static ReleaseJson.Parsed readBody(Request request) {
    if (request.body().length > MAX_BODY_BYTES) {
      throw Problem.tooLarge(MAX_BODY_BYTES).raise();
    }
    Optional<String> type = request.header("content-type");
    if (type.isPresent() && !isJson(type.get())) {
      throw Problem.unsupportedMediaType().raise();
    }
    if (type.isPresent() && !declaresUtf8OrNothing(type.get())) {
      // Reading latin1 bytes as UTF-8 would store other text than the editor sent.
      throw Problem.unsupportedCharset().raise();
    }
    return ReleaseJson.read(request.body());
  }

  static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json")
        || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
  }

  /**
   * Whether a media type's {@code charset} parameter, if any, names UTF-8 (RFC 9110 §8.3.2: the
   * name is case-insensitive, the value a token or a quoted string).
   */
  static boolean declaresUtf8OrNothing(String contentType) {
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      if (equals < 0 || !parts[i].substring(0, equals).strip().equalsIgnoreCase("charset")) {
        continue;
      }
      String value = parts[i].substring(equals + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
      }
      if (!value.equalsIgnoreCase("utf-8")) {
        return false;
      }
    }
    return true;
  }

  /** 422 — the value rules, every failed field at once. */
  private static ReleaseInput valid(ReleaseInput input) {
    ReleaseRules.Outcome outcome = ReleaseRules.check(input);
    if (!outcome.isValid()) {
      throw Problem.invalid(outcome.errors()).raise();
    }
    return outcome.input();
  }

  private Response represent(int status, Request request, Release release) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("ETag", release.etag());
    headers.put("Cache-Control", "no-store");
    return new Response(status, headers,
        ReleaseJson.bytes(ReleaseJson.full(release, request.baseUrl(), newsroom.now())));
  }
}
