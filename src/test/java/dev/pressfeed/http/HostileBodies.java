package dev.pressfeed.http;

/**
 * {@link HostileRelease}'s bodies that the API must accept, for tests outside this package (the
 * newsroom pages): character references, bidi marks, astral characters and Markdown in every
 * text field a release has.
 */
public final class HostileBodies {

  private HostileBodies() {}

  /** The first accepted body drawn from {@code seed}, {@code seed + 1}, …; the same seed, the same body. */
  public static byte[] accepted(long seed) {
    for (long s = seed; ; s++) {
      HostileRelease.Attempt attempt = HostileRelease.draw(s);
      if (attempt.expected() == HostileRelease.Expected.ACCEPTED) {
        return attempt.json();
      }
    }
  }
}
