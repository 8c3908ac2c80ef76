package dev.pressfeed.release;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * A release's place in a newest-first list: a fixed-width UTC time, {@code #}, the id. Being
 * fixed-width, keys sort as strings exactly as they sort in time, which is what DynamoDB range
 * keys and SQLite indexes compare. Paging cursors carry one of these.
 */
public record SortKey(String value) implements Comparable<SortKey> {

  private static final DateTimeFormatter FIXED_WIDTH =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern SHAPE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[a-z0-9-]{1,120}");

  public SortKey {
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("not a sort key");
    }
  }

  public static SortKey of(Instant time, String id) {
    return new SortKey(FIXED_WIDTH.format(time) + "#" + id);
  }

  /**
   * The greatest key of anything published at or before {@code time}: {@code ~} sorts after
   * every id character.
   */
  public static String upTo(Instant time) {
    return FIXED_WIDTH.format(time) + "#~";
  }

  /**
   * The least key of anything published at or after {@code time}: {@code #} sorts before every
   * id character, so {@code "<time>#"} is below {@code "<time>#<id>"}.
   */
  public static String from(Instant time) {
    return FIXED_WIDTH.format(time) + "#";
  }

  /** Whether {@code value} has the shape of a key, for reading untrusted cursors. */
  public static boolean isWellFormed(String value) {
    return value != null && SHAPE.matcher(value).matches();
  }

  @Override
  public int compareTo(SortKey other) {
    return value.compareTo(other.value);
  }

  /**
   * The least text above this key that any other key can be: a greater key either goes on
   * where this one's id ends, with an id character, all of which sort at or above {@code -}, or
   * has a greater character before that. For range conditions that include their lower end
   * (DynamoDB's {@code BETWEEN}) but must leave this key out.
   */
  public String justAbove() {
    return value + "-";
  }
}
