package dev.pressfeed.http;

/**
 * The tests' own statement of which characters a release may hold (README, SPEC §2), written
 * apart from the production rule so that one checks the other: XML 1.0's characters without
 * DEL, the C1 controls and the Unicode non-characters.
 */
final class Characters {

  private Characters() {}

  static boolean allowed(int c) {
    boolean xml = c == 0x9 || c == 0xA || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
    boolean control = c >= 0x7F && c <= 0x9F;
    boolean nonCharacter = (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFF) == 0xFFFE || (c & 0xFFFF) == 0xFFFF;
    return xml && !control && !nonCharacter;
  }
}
