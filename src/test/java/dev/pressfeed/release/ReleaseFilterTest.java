package dev.pressfeed.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The filter and the index keys stores file releases under must agree exactly: a store reads
 * only the list {@link ReleaseFilter#key()} names, so a release the filter passes but the key
 * misses would vanish from its filter, and the converse would cost reads for nothing.
 */
class ReleaseFilterTest {

  static final List<String> TAGS = List.of("Förderung", "förderung", "FÖRDERUNG", "Forderung",
      "Straße", "STRASSE", "strasse", "ΟΔΟΣ", "οδοσ", "οδος", "İstanbul", "istanbul", "ﬃ", "FFI",
      "a|l:de", "l:de", "t:x", "x", "X ", "Smart City", "🙂");
  static final List<String> LANGUAGES = List.of("de", "de-DE", "de-AT", "en", "en-GB",
      "zh-Hant-TW", "del", "sr-Latn", "de-x-ab-cd");
  static final List<String> LANGUAGE_FILTERS = List.of("de", "DE", "de-de", "de-", "d", "del",
      "zh", "zh-hant", "ZH-HANT-TW", "zh-tw", "en-gb", "sr", "de-x", "de-x-ab", "de|t:x",
      "de-x-ab-cd-ef", "\u212A");

  @Test
  void aReleasePassesAFilterExactlyWhenItIsFiledUnderTheFiltersKey() {
    List<String> tagFilters = new ArrayList<>(TAGS);
    tagFilters.add(null);
    List<String> languageFilters = new ArrayList<>(LANGUAGE_FILTERS);
    languageFilters.add(null);
    int checked = 0;
    for (String language : LANGUAGES) {
      for (String releaseTag : TAGS) {
        Release release = release(List.of(releaseTag, "Allgemein"), language);
        for (String tag : tagFilters) {
          for (String lang : languageFilters) {
            ReleaseFilter filter = new ReleaseFilter(tag, lang);
            if (filter.isEmpty()) {
              continue;
            }
            boolean filed = filter.key().map(ReleaseFilter.keysOf(release)::contains)
                .orElse(false);
            assertThat(filed).as("%s on %s %s", filter, releaseTag, language)
                .isEqualTo(filter.test(release));
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(3000);
  }

  @Test
  void keysNameEachTagEachLanguagePrefixAndEachPair() {
    Release release = release(List.of("Förderung", "FÖRDERUNG", "Rat"), "de-DE");

    assertThat(ReleaseFilter.keysOf(release)).containsExactlyInAnyOrder(
        "t:förderung", "t:rat", "l:de", "l:de-de",
        "l:de|t:förderung", "l:de|t:rat", "l:de-de|t:förderung", "l:de-de|t:rat");
    assertThat(new ReleaseFilter("FÖRDERUNG", "DE").key()).contains("l:de|t:förderung");
  }

  @Test
  void aFilterLongerThanAnyStoredValueCouldFoldToNamesNoKey() {
    assertThat(new ReleaseFilter("ß".repeat(75), null).key()).isPresent(); // folds to 150
    assertThat(new ReleaseFilter("ß".repeat(76), null).key()).isEmpty();
    assertThat(new ReleaseFilter(null, "a".repeat(35)).key()).isPresent();
    assertThat(new ReleaseFilter(null, "a".repeat(36)).key()).isEmpty();
    assertThat(ReleaseFilter.NONE.key()).isEmpty();
  }

  private static Release release(List<String> tags, String language) {
    Instant t = Instant.parse("2024-03-01T10:00:00Z");
    return new Release("2024-03-01-x", "urn:uuid:0", Fixtures.input("x", null, tags, language),
        Release.State.PUBLISHED, t, t, t, 1);
  }
}
