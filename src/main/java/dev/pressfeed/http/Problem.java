package dev.pressfeed.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pressfeed.release.FieldError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail} and, for
 * validation, every failed field in {@code errors}. The one place errors become responses;
 * details are written for clients and never carry exception messages or internal names.
 */
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors,
    Map<String, String> headers, Map<String, String> members) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPES = "https://pressfeed.dev/problems/";
  /** Streaming only: every function answers problems, and none needs an object mapper for them. */
  private static final JsonFactory JSON = new JsonFactory();

  public Problem {
    errors = List.copyOf(errors);
    headers = Map.copyOf(headers);
    members = Map.copyOf(members);
  }

  /** A problem with no extension members (RFC 9457 §3.2). */
  public Problem(String type, String title, int status, String detail, List<FieldError> errors,
      Map<String, String> headers) {
    this(type, title, status, detail, errors, headers, Map.of());
  }

  private static Problem of(String slug, String title, int status, String detail) {
    return new Problem(TYPES + slug, title, status, detail, List.of(), Map.of());
  }

  public static Problem badRequest(String detail, List<FieldError> errors) {
    return new Problem(TYPES + "malformed-request", "Malformed request", 400, detail, errors, Map.of());
  }

  public static Problem badRequest(String detail) {
    return badRequest(detail, List.of());
  }

  public static Problem unauthorized() {
    return new Problem(TYPES + "unauthorized", "Unauthorized", 401,
        "Editor routes need 'Authorization: Bearer <token>' with a valid token of a member of the editors group.",
        List.of(), Map.of("WWW-Authenticate", "Bearer"));
  }

  public static Problem notFound(String detail) {
    return of("not-found", "Not found", 404, detail);
  }

  public static Problem methodNotAllowed(String allow) {
    return new Problem(TYPES + "method-not-allowed", "Method not allowed", 405,
        "This path answers " + allow + ".", List.of(), Map.of("Allow", allow));
  }

  public static Problem conflict(String detail) {
    return of("conflict", "Conflict", 409, detail);
  }

  public static Problem gone(String detail) {
    return of("gone", "Gone", 410, detail);
  }

  /**
   * A release withdrawn by its publisher, and when (SPEC §10): {@code retractedAt} as an
   * extension member, so a client that kept the release can tell its readers when it went.
   */
  public static Problem retracted(String detail, Instant retractedAt) {
    Problem gone = gone(detail);
    return new Problem(gone.type(), gone.title(), gone.status(), gone.detail(), List.of(), Map.of(),
        Map.of("retractedAt", retractedAt.toString()));
  }

  public static Problem preconditionFailed() {
    return of("precondition-failed", "Precondition failed", 412,
        "The release has changed since you read it: GET it again and apply your change to the new version.");
  }

  public static Problem tooLarge(int limit) {
    return of("payload-too-large", "Payload too large", 413,
        "A request body may be at most " + limit + " bytes.");
  }

  public static Problem unsupportedMediaType() {
    return of("unsupported-media-type", "Unsupported media type", 415,
        "Send the release as JSON with 'Content-Type: application/json'.");
  }

  /** A body declared in another character set than UTF-8, which is all the API reads. */
  public static Problem unsupportedCharset() {
    return of("unsupported-media-type", "Unsupported media type", 415,
        "The body must be UTF-8: send 'Content-Type: application/json' or 'application/json; charset=utf-8'.");
  }

  public static Problem invalid(List<FieldError> errors) {
    return new Problem(TYPES + "validation", "Invalid release", 422,
        errors.size() == 1 ? "One field breaks the rules." : errors.size() + " fields break the rules.",
        errors, Map.of());
  }

  public static Problem preconditionRequired() {
    return of("precondition-required", "Precondition required", 428,
        "Send 'If-Match' with the ETag of the version you edit, so no one else's change is overwritten.");
  }

  public static Problem unavailable() {
    return new Problem(TYPES + "unavailable", "Service unavailable", 503,
        "The store is busy. Please retry shortly.", List.of(), Map.of("Retry-After", "1"));
  }

  /**
   * A request the HTTP layer itself refuses before any route sees it (a bad request line, headers
   * too large, a stalled body); the type is named after the title.
   */
  public static Problem protocol(int status, String title, String detail) {
    return of(title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), title, status, detail);
  }

  public static Problem internal() {
    return of("internal", "Internal error", 500, "Something went wrong on our side.");
  }

  public Response toResponse() {
    ByteArrayOutputStream body = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(body)) {
      json.writeStartObject();
      json.writeStringField("type", type);
      json.writeStringField("title", title);
      json.writeNumberField("status", status);
      json.writeStringField("detail", detail);
      if (!errors.isEmpty()) {
        json.writeArrayFieldStart("errors");
        for (FieldError error : errors) {
          json.writeStartObject();
          json.writeStringField("field", error.field());
          json.writeStringField("message", error.message());
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      for (Map.Entry<String, String> member : new java.util.TreeMap<>(members).entrySet()) {
        json.writeStringField(member.getKey(), member.getValue());
      }
      json.writeEndObject();
      json.writeRaw('\n'); // a text body ends with a line break, as curl users expect
    } catch (IOException e) {
      throw new UncheckedIOException("a problem could not be written", e);
    }
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Content-Type", MEDIA_TYPE);
    all.put("Cache-Control", "no-store");
    all.putAll(headers);
    return new Response(status, all, body.toByteArray());
  }

  /** Ends request handling early with this problem; caught by the {@link Router}. */
  public ProblemException raise() {
    return new ProblemException(this);
  }

  /** Carries a problem up the stack; not an error of the server. */
  public static final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    ProblemException(Problem problem) {
      super(problem.title(), null, false, false);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }
}
