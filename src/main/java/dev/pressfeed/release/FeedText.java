package dev.pressfeed.release;

/**
 * The characters a release may hold: what every feed can carry and every reader can show. One
 * definition for both ends: {@link ReleaseRules} refuses input holding anything else, and the
 * {@link Composer} passes everything it derives (HTML, excerpts) through {@link #clean}, because
 * the Markdown renderer decodes character references ({@code &#x0B;}, {@code &#xFFFE;},
 * {@code &#xD800;}) that the raw input never held.
 *
 * <p>Refused, beyond what XML 1.0 forbids (C0 controls other than tab, line feed and carriage
 * return; lone surrogates; U+FFFE and U+FFFF): DEL and the C1 controls (U+007F–U+009F), which
 * XML 1.0 discourages and no reader shows, and the Unicode non-characters (U+FDD0–U+FDEF and the
 * last two code points of every plane), which Unicode reserves for a program's own use. Bidi
 * marks, private-use and astral characters (emoji) are ordinary text.
 */
public final class FeedText {

  /** What {@link #clean} puts where a refused character was. */
  public static final char REPLACEMENT = '\uFFFD';

  private FeedText() {}

  /** Whether a release may hold this code point (a surrogate code point is never one). */
  public static boolean isAllowed(int codePoint) {
    if (codePoint < 0x20) {
      return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD;
    }
    if (codePoint >= 0x7F && codePoint <= 0x9F) {
      return false;
    }
    if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
      return false;
    }
    if (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) {
      return false;
    }
    // U+FFFE, U+FFFF, U+1FFFE, U+1FFFF … U+10FFFF
    return (codePoint & 0xFFFE) != 0xFFFE && codePoint <= Character.MAX_CODE_POINT;
  }

  /** Whether every character of {@code text} is allowed (and every surrogate is paired). */
  public static boolean isAllowed(String text) {
    return firstRefused(text) < 0;
  }

  /** The index of the first refused character (or lone surrogate), or -1 when there is none. */
  static int firstRefused(String text) {
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (!isAllowed(codePoint)) {
        return i;
      }
      i += Character.charCount(codePoint);
    }
    return -1;
  }

  /**
   * {@code text} with each refused character, and each lone surrogate, replaced by U+FFFD, so
   * that a reader sees that something was there; the same string when there is none.
   * {@code null} stays {@code null}.
   */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    int first = firstRefused(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
    for (int i = first; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (isAllowed(codePoint)) {
        out.appendCodePoint(codePoint);
      } else {
        out.append(REPLACEMENT);
      }
      i += Character.charCount(codePoint);
    }
    return out.toString();
  }
}
