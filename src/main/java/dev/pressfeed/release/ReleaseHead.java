package dev.pressfeed.release;

import java.time.Instant;

/**
 * What a conditional public read needs to know of a release, and no more: its version (the
 * ETag), its last change ({@code Last-Modified}) and since when the public may see it. The
 * DynamoDB store keeps it in a small index beside the release, so a 304 for one release reads a
 * few hundred bytes, not the whole release with its rendering.
 *
 * @param visibleFrom when it became (or becomes) public; {@code null} unless it is published
 */
public record ReleaseHead(String id, long version, Instant visibleFrom, Instant updatedAt) {

  /** The strong entity tag of a release version; the same on every route that shows it. */
  public static String etagOf(long version) {
    return "\"v" + version + "\"";
  }

  public String etag() {
    return etagOf(version);
  }

  /** Whether the public may see it now: published and past its embargo. */
  public boolean isVisible(Instant now) {
    return visibleFrom != null && !visibleFrom.isAfter(now);
  }
}
