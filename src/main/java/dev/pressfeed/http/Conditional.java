package dev.pressfeed.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/** Entity tags, HTTP dates and the preconditions of RFC 9110 §13. */
public final class Conditional {

  private Conditional() {}

  /** A strong ETag for bytes: the same bytes, the same tag. */
  public static String etagOf(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A strong ETag made from what decides a representation, without the representation: lets a
   * conditional GET be answered before anything is queried or rendered.
   */
  public static String validator(String... parts) {
    return etagOf(String.join("\n", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static String httpDate(Instant time) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(time.atOffset(ZoneOffset.UTC));
  }

  /** {@code If-Match}: strong comparison; {@code *} matches any current version. */
  public static boolean ifMatch(String header, String etag) {
    for (String candidate : header.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a GET may answer 304: {@code If-None-Match} (weak comparison) when sent, else
   * {@code If-Modified-Since} against {@code lastModified} at one-second precision.
   */
  public static boolean notModified(Request request, String etag, Instant lastModified) {
    Optional<String> noneMatch = request.header("if-none-match");
    if (noneMatch.isPresent()) {
      String opaque = opaque(etag);
      for (String candidate : noneMatch.get().split(",")) {
        String tag = candidate.strip();
        if (tag.equals("*") || opaque(tag).equals(opaque)) {
          return true;
        }
      }
      return false;
    }
    Optional<String> since = request.header("if-modified-since");
    if (since.isPresent() && lastModified != null) {
      try {
        Instant date = DateTimeFormatter.RFC_1123_DATE_TIME.parse(since.get().strip(), Instant::from);
        return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(date);
      } catch (DateTimeParseException e) {
        return false; // an unreadable date is ignored, as RFC 9110 says
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
