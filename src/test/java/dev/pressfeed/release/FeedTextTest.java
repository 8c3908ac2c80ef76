package dev.pressfeed.release;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedTextTest {

  @Test
  void refusesWhatXmlForbidsDelC1ControlsAndNonCharactersInEveryPlane() {
    for (int c : new int[] {0x0, 0x8, 0xB, 0xC, 0xE, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0xD800, 0xDFFF,
        0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x8FFFE, 0x10FFFE, 0x10FFFF, 0x110000}) {
      assertThat(FeedText.isAllowed(c)).as("U+%04X", c).isFalse();
    }
  }

  @Test
  void allowsTabsLineBreaksBidiMarksPrivateUseAndAstralCharacters() {
    for (int c : new int[] {0x9, 0xA, 0xD, 0x20, 0x7E, 0xA0, 0x200E, 0x200F, 0x202E, 0x2066, 0xD7FF,
        0xE000, 0xFDCF, 0xFDF0, 0xFEFF, 0xFFFD, 0x10000, 0x1F600, 0x1FFFD, 0x10FFFD}) {
      assertThat(FeedText.isAllowed(c)).as("U+%04X", c).isTrue();
    }
    assertThat(FeedText.isAllowed("\u200F😀 \uD835\uDC00")).isTrue();
  }

  @Test
  void cleanReplacesEachRefusedCharacterAndLoneSurrogateWithOneReplacementCharacter() {
    assertThat(FeedText.clean("a\u000Bb\uFFFEc\u0085d\uD800e\uDC00f\uDBFF\uDFFFg😀"))
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg😀");
    assertThat(FeedText.clean(null)).isNull();
    String clean = "Pressemitteilung 😀";
    assertThat(FeedText.clean(clean)).isSameAs(clean);
  }
}
