package dev.pressfeed.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** RFC 850, obsolete: {@code Sunday, 06-Nov-94 08:49:37 GMT}. Compiled on first use: see {@link Obsolete}. */
  private static final class Obsolete {
    static final Pattern RFC_850 = Pattern.compile(
        "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-([A-Z][a-z]{2})-(\\d{2}) "
            + "(\\d{2}):(\\d{2}):(\\d{2}) GMT");
    /** ANSI C's asctime(), obsolete: {@code Sun Nov  6 08:49:37 1994}. */
    static final Pattern ASCTIME = Pattern.compile(
        "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})");
  }

  private static final List<String> MONTHS =
      List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
  private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

  /**
   * IMF-fixdate (RFC 9110 §5.6.7), {@code Thu, 01 Jan 1970 00:00:00 GMT}: a two-digit day, which
   * {@link DateTimeFormatter#RFC_1123_DATE_TIME} does not write on days 1–9. Written by hand,
   * not with a {@code DateTimeFormatter} pattern: a pattern's day and month names come from the
   * JDK's locale data, tens of classes every function would load at its first answer.
   */
  public static String httpDate(Instant time) {
    OffsetDateTime t = time.atOffset(ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(29)
        .append(DAYS.get(t.getDayOfWeek().getValue() - 1)).append(", ");
    twoDigits(out, t.getDayOfMonth()).append(' ').append(MONTHS.get(t.getMonthValue() - 1)).append(' ');
    // Years 1–9999 (an embargo is at most 9999): four digits.
    String year = Integer.toString(t.getYear());
    out.append("0000", year.length(), 4).append(year).append(' ');
    twoDigits(out, t.getHour()).append(':');
    twoDigits(out, t.getMinute()).append(':');
    return twoDigits(out, t.getSecond()).append(" GMT").toString();
  }

  private static StringBuilder twoDigits(StringBuilder out, int value) {
    return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /**
   * An HTTP date in any of the three forms a recipient must read (RFC 9110 §5.6.7): IMF-fixdate
   * (also with a one-digit day, as this API wrote it before), RFC 850 and asctime. An RFC 850
   * two-digit year that would lie more than 50 years after {@code now} is the most recent past
   * year with those digits.
   */
  public static Optional<Instant> parseHttpDate(String text, Instant now) {
    String date = text.strip();
    try {
      if (date.length() > 3 && date.charAt(3) == ',') {
        // IMF-fixdate ("Sun, 06 Nov 1994 …"): what clients send, and the only form with a comma
        // after three letters, so the obsolete forms' patterns are compiled only when one comes.
        return Optional.of(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date, Instant::from));
      }
      Matcher m = Obsolete.RFC_850.matcher(date);
      if (m.matches()) {
        int thisYear = now.atOffset(ZoneOffset.UTC).getYear();
        int year = thisYear - Math.floorMod(thisYear, 100) + Integer.parseInt(m.group(3));
        if (year > thisYear + 50) {
          year -= 100;
        }
        return Optional.of(instant(year, m.group(2), m.group(1).strip(), m.group(4), m.group(5), m.group(6)));
      }
      m = Obsolete.ASCTIME.matcher(date);
      if (m.matches()) {
        return Optional.of(instant(Integer.parseInt(m.group(6)), m.group(1), m.group(2).strip(),
            m.group(3), m.group(4), m.group(5)));
      }
      return Optional.of(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date, Instant::from));
    } catch (DateTimeException | IllegalArgumentException e) {
      return Optional.empty(); // not a date, or not a real one (31 Feb)
    }
  }

  private static Instant instant(int year, String month, String day, String hour, String minute,
      String second) {
    int monthNumber = MONTHS.indexOf(month) + 1;
    if (monthNumber == 0) {
      throw new IllegalArgumentException("no month " + month);
    }
    return LocalDateTime.of(year, monthNumber, Integer.parseInt(day), Integer.parseInt(hour),
        Integer.parseInt(minute), Integer.parseInt(second)).toInstant(ZoneOffset.UTC);
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
   * Whether a GET (or HEAD) may answer 304: {@code If-None-Match} (weak comparison) when sent,
   * else {@code If-Modified-Since} against {@code lastModified} at one-second precision.
   */
  public static boolean notModified(Request request, String etag, Instant lastModified, Instant now) {
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
      // An unreadable date is ignored, as RFC 9110 §13.1.3 says.
      return parseHttpDate(since.get(), now)
          .map(date -> !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(date))
          .orElse(false);
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
