package dev.pressfeed.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pressfeed.Fixtures;
import dev.pressfeed.TestClock;
import dev.pressfeed.release.Composer;
import dev.pressfeed.release.EditorView;
import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.IdempotencyRecord;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseHead;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.release.Rendering;
import dev.pressfeed.release.SortKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReleaseStore} must do, whatever it stores in. Each store's test extends
 * this class and supplies a fresh, empty store per test.
 */
public abstract class ReleaseStoreContract {

  protected static final Instant START = Instant.parse("2024-03-01T10:00:00Z");

  protected final TestClock clock = new TestClock(START);
  protected ReleaseStore store;
  protected Newsroom newsroom;

  /** A new store holding nothing, used by one test only. */
  protected abstract ReleaseStore emptyStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = emptyStore();
    newsroom = new Newsroom(store, clock);
  }

  // --- reading and writing one release ---------------------------------------------------

  @Test
  void insertedReleaseReadsBackWithEveryField() {
    ReleaseInput seed = Fixtures.seedInput();
    ReleaseInput everything = new ReleaseInput(seed.title(), "Ein Untertitel", seed.summary(),
        seed.body(), "de-DE", "published", "2024-02-29T08:30:00.125Z", seed.location(),
        seed.tags(), seed.organization(),
        List.of(new ReleaseInput.Contact("Volker Scheidler", "Vorstand", "IT FOR WORK e.V.",
            "presse@example.org", "+49 6151 0", "+49 6151 1", "Rheinstraße 89, Darmstadt",
            "https://example.org/presse")),
        seed.links(), seed.about(),
        List.of(new ReleaseInput.Attachment("https://example.org/foto.jpg", "Foto",
            "image/jpeg", 123_456L)));

    Release created = newsroom.create(everything);

    assertThat(store.find(created.id())).contains(created);
    assertThat(store.find(created.id()).orElseThrow().input()).isEqualTo(everything);
    Release plain = newsroom.create(Fixtures.seedInput());
    assertThat(store.find(plain.id())).contains(plain);
  }

  @Test
  void unknownIdIsNotFound() {
    assertThat(store.find("2024-03-01-nothing-here")).isEmpty();
  }

  @Test
  void insertRefusesATakenId() {
    Release first = newsroom.create(Fixtures.seedInput());
    Release sameId = new Release(first.id(), "urn:uuid:" + UUID.randomUUID(),
        Fixtures.input("Etwas anderes", null, List.of(), "en"), Release.State.DRAFT, null,
        START, START, 1);

    assertThat(store.insert(sameId)).isFalse();
    assertThat(store.find(first.id())).contains(first);
  }

  @Test
  void replaceWithAStaleVersionIsRefusedAndKeepsTheStoredOne() {
    Release v1 = newsroom.create(Fixtures.seedInput());
    clock.advance(Duration.ofMinutes(1));
    Release v2 = newsroom.revise(v1, Fixtures.input("Neuer Titel", null, List.of(), "de"));
    assertThat(newsroom.save(v2)).isTrue();

    Release lostUpdate = newsroom.revise(v1, Fixtures.input("Verlorenes Update", null,
        List.of(), "de"));
    assertThat(store.replace(lostUpdate, v1.version())).isFalse();
    assertThat(store.find(v1.id())).contains(v2);
  }

  @Test
  void replaceOfAnUnknownReleaseIsRefusedAndCreatesNothing() {
    Release never = new Release("2024-03-01-never-stored", "urn:uuid:" + UUID.randomUUID(),
        Fixtures.seedInput(), Release.State.PUBLISHED, START, START, START, 2);

    assertThat(store.replace(never, 1)).isFalse();
    assertThat(store.find(never.id())).isEmpty();
  }

  // --- heads: what a conditional read of one release decides on ----------------------------

  @Test
  void everyWriteMovesTheHeadAlongWithTheRelease() {
    Release draft = newsroom.create(Fixtures.draft(Fixtures.input("Entwurf", null, List.of(), "de")));
    assertThat(store.head(draft.id())).contains(draft.head());
    assertThat(store.head(draft.id()).orElseThrow().isVisible(clock.instant())).isFalse();

    clock.advance(Duration.ofMinutes(5));
    Release published = newsroom.revise(draft, Fixtures.input("Entwurf", null, List.of(), "de"));
    assertThat(newsroom.save(published)).isTrue();
    ReleaseHead head = store.head(draft.id()).orElseThrow();
    assertThat(head).isEqualTo(store.find(draft.id()).orElseThrow().head());
    assertThat(head.version()).isEqualTo(2);
    assertThat(head.etag()).isEqualTo("\"v2\"").isEqualTo(published.etag());
    assertThat(head.updatedAt()).isEqualTo(clock.instant());
    assertThat(head.isVisible(clock.instant())).isTrue();

    clock.advance(Duration.ofHours(1));
    Release retracted = newsroom.retract(published);
    assertThat(newsroom.save(retracted)).isTrue();
    assertThat(store.head(draft.id())).contains(retracted.head());
    assertThat(store.head(draft.id()).orElseThrow().isVisible(clock.instant())).isFalse();
  }

  @Test
  void anEmbargoedHeadBecomesVisibleWhenTheEmbargoEnds() {
    Instant embargo = START.plus(Duration.ofHours(2));
    Release scheduled = newsroom.create(Fixtures.input("Sperrfrist", embargo.toString(), List.of(), "de"));
    ReleaseHead head = store.head(scheduled.id()).orElseThrow();
    assertThat(head.visibleFrom()).isEqualTo(embargo);
    assertThat(head.isVisible(embargo.minusMillis(1))).isFalse();
    assertThat(head.isVisible(embargo)).isTrue();
  }

  @Test
  void anUnknownIdHasNoHead() {
    newsroom.create(Fixtures.seedInput());
    assertThat(store.head("2024-03-01-nothing-here")).isEmpty();
  }

  // --- the archive: what a sitemap lists -------------------------------------------------

  @Test
  void theArchiveHoldsTheHeadOfEveryVisibleReleaseOldestFirstAndNothingElse() {
    Release old = newsroom.create(Fixtures.input("Alt", "2024-01-01T09:00:00Z", List.of(), "de"));
    Release moved = newsroom.create(Fixtures.input("Verschoben", "2024-02-01T09:00:00Z", List.of(),
        "de-DE"));
    Release newer = newsroom.create(Fixtures.input("Neu", "2024-02-20T09:00:00.250Z",
        List.of("Förderung"), "en"));
    newsroom.create(Fixtures.draft(Fixtures.input("Entwurf", null, List.of(), "de")));
    Instant embargo = START.plus(Duration.ofHours(2));
    Release scheduled = newsroom.create(Fixtures.input("Sperrfrist", embargo.toString(), List.of(),
        "de"));
    Release withdrawn = newsroom.create(Fixtures.input("Zurückgezogen", null, List.of(), "de"));
    clock.advance(Duration.ofMinutes(1));
    assertThat(newsroom.save(newsroom.retract(withdrawn))).isTrue();
    clock.advance(Duration.ofMinutes(1));
    // An edit that moves the publication time moves the release along the archive.
    Release edited = newsroom.revise(moved, Fixtures.input("Verschoben, später", "2024-02-25T09:00:00Z",
        List.of(), "de-DE"));
    assertThat(newsroom.save(edited)).isTrue();

    assertThat(store.archive(clock.instant()))
        .containsExactly(old.head(), newer.head(), edited.head());
    assertThat(store.archive(clock.instant()).get(2).updatedAt()).isEqualTo(clock.instant());
    assertThat(store.archive(embargo.minusMillis(1))).hasSize(3);
    assertThat(store.archive(embargo))
        .containsExactly(old.head(), newer.head(), edited.head(), scheduled.head());
  }

  @Test
  void anEmptyNewsroomHasAnEmptyArchive() {
    newsroom.create(Fixtures.draft(Fixtures.seedInput()));
    assertThat(store.archive(clock.instant())).isEmpty();
  }

  @Test
  void publishedSinceReadsTheVisibleReleasesOfTheWindowNewestFirst() {
    Instant since = START.minus(Duration.ofDays(2));
    Release weekOld = newsroom.create(Fixtures.input("Woche", START.minus(Duration.ofDays(7)).toString(),
        List.of(), "de"));
    Release justBefore = newsroom.create(Fixtures.input("Knapp davor", since.minusMillis(1).toString(),
        List.of(), "de"));
    Release atTheEdge = newsroom.create(Fixtures.input("Am Rand", since.toString(), List.of(), "de"));
    Release dayOld = newsroom.create(Fixtures.input("Gestern", START.minus(Duration.ofDays(1)).toString(),
        List.of(), "en"));
    Release hourOld = newsroom.create(Fixtures.input("Vorhin", START.minus(Duration.ofHours(1)).toString(),
        List.of(), "de"));
    Release withdrawn = newsroom.create(Fixtures.input("Weg", START.minus(Duration.ofMinutes(30)).toString(),
        List.of(), "de"));
    assertThat(newsroom.save(newsroom.retract(withdrawn))).isTrue();
    newsroom.create(Fixtures.draft(Fixtures.input("Entwurf", null, List.of(), "de")));
    Release scheduled = newsroom.create(Fixtures.input("Sperrfrist",
        START.plus(Duration.ofHours(1)).toString(), List.of(), "de"));

    assertThat(store.publishedSince(since, 10, START)).extracting(Release::id)
        .containsExactly(hourOld.id(), dayOld.id(), atTheEdge.id());
    assertThat(store.publishedSince(since, 10, START).get(0)).isEqualTo(hourOld);
    assertThat(store.publishedSince(since, 2, START)).extracting(Release::id)
        .containsExactly(hourOld.id(), dayOld.id());
    assertThat(store.publishedSince(START.plus(Duration.ofHours(1)), 10, START.plus(Duration.ofHours(1))))
        .extracting(Release::id).containsExactly(scheduled.id());
    assertThat(store.publishedSince(START.plusSeconds(1), 10, START)).isEmpty();
    assertThat(List.of(weekOld.id(), justBefore.id())).doesNotContainAnyElementsOf(
        store.publishedSince(since, 10, START).stream().map(Release::id).toList());
  }

  // --- what the public sees ---------------------------------------------------------------

  @Test
  void draftIsNotPublishedUntilAnEditorPublishesIt() {
    Release draft = newsroom.create(Fixtures.draft(Fixtures.input("Entwurf", null, List.of(),
        "de")));
    assertThat(publicIds()).isEmpty();

    clock.advance(Duration.ofMinutes(5));
    Release published = newsroom.revise(draft, Fixtures.input("Entwurf", null, List.of(), "de"));
    assertThat(newsroom.save(published)).isTrue();

    assertThat(publicIds()).containsExactly(draft.id());
  }

  @Test
  void embargoedReleaseIsNotListedUntilItsTime() {
    Instant embargo = START.plus(Duration.ofHours(2));
    Release scheduled = newsroom.create(Fixtures.input("Sperrfrist", embargo.toString(),
        List.of(), "de"));

    assertThat(publicIds()).isEmpty();
    clock.set(embargo.minusMillis(1));
    assertThat(publicIds()).isEmpty();
    clock.set(embargo);
    assertThat(publicIds()).containsExactly(scheduled.id());
  }

  @Test
  void anEmbargoEndWithDigitsBelowTheMillisecondStaysRecordedInTheFeedState() {
    // The API accepts nanoseconds; the stores keep milliseconds. The end must survive the
    // write that follows the release's (which removes ends of other versions), or the feeds'
    // validators would not move when the release appears.
    Instant embargo = START.plus(Duration.ofHours(2)).plusNanos(500_123);
    newsroom.create(Fixtures.input("Sperrfrist", embargo.toString(), List.of(), "de"));

    FeedState state = store.feedState();
    assertThat(state.nextEmbargoEnd(START)).contains(embargo.truncatedTo(ChronoUnit.MILLIS));
    assertThat(state.lastModified(embargo)).isEqualTo(embargo.truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void retractedReleaseLeavesThePublicList() {
    Release release = newsroom.create(Fixtures.seedInput());
    assertThat(publicIds()).containsExactly(release.id());

    clock.advance(Duration.ofHours(1));
    assertThat(newsroom.save(newsroom.retract(release))).isTrue();

    assertThat(publicIds()).isEmpty();
    assertThat(store.find(release.id()).orElseThrow().state()).isEqualTo(Release.State.RETRACTED);
  }

  @Test
  void retractedSinceReadsTheWithdrawalsOfPublicReleasesNewestRetractionFirst() {
    Release old = newsroom.create(Fixtures.input("Alt", null, List.of("Förderung"), "de"));
    Release first = newsroom.create(Fixtures.input("Erste", null, List.of(), "en"));
    Release second = newsroom.create(Fixtures.input("Zweite", null, List.of(), "de-DE"));
    Release kept = newsroom.create(Fixtures.input("Bleibt", null, List.of(), "de"));
    Release draft = newsroom.create(Fixtures.draft(Fixtures.input("Entwurf", null, List.of(), "de")));
    Release scheduled = newsroom.create(Fixtures.input("Geplant",
        START.plus(Duration.ofDays(2)).toString(), List.of(), "de"));
    clock.advance(Duration.ofHours(1));
    assertThat(newsroom.save(newsroom.retract(store.find(old.id()).orElseThrow()))).isTrue();
    Instant since = clock.instant().plusSeconds(1);
    clock.advance(Duration.ofHours(1));
    assertThat(newsroom.save(newsroom.retract(store.find(first.id()).orElseThrow()))).isTrue();
    // Neither was ever public: a retracted draft, a scheduled release retracted before its time.
    assertThat(newsroom.save(newsroom.retract(store.find(draft.id()).orElseThrow()))).isTrue();
    assertThat(newsroom.save(newsroom.retract(store.find(scheduled.id()).orElseThrow()))).isTrue();
    clock.advance(Duration.ofHours(1));
    Release secondRetracted = newsroom.retract(store.find(second.id()).orElseThrow());
    assertThat(newsroom.save(secondRetracted)).isTrue();

    List<Release> withdrawn = store.retractedSince(since, 10);
    assertThat(withdrawn).extracting(Release::id).containsExactly(second.id(), first.id());
    assertThat(withdrawn.get(0)).isEqualTo(store.find(second.id()).orElseThrow());
    assertThat(withdrawn.get(0).updatedAt()).isEqualTo(secondRetracted.updatedAt());
    assertThat(withdrawn).allMatch(Release::wasPublicBeforeRetraction);
    assertThat(store.retractedSince(START, 10)).extracting(Release::id)
        .containsExactly(second.id(), first.id(), old.id())
        .doesNotContain(kept.id(), draft.id(), scheduled.id());
    assertThat(store.retractedSince(START, 2)).extracting(Release::id)
        .containsExactly(second.id(), first.id());
    assertThat(store.retractedSince(secondRetracted.updatedAt(), 10)).extracting(Release::id)
        .as("at or after: the retraction's own millisecond counts").containsExactly(second.id());
    assertThat(store.retractedSince(clock.instant().plusMillis(1), 10)).isEmpty();
    // The public reads do not see them.
    assertThat(publicIds()).containsExactly(kept.id());
    assertThat(store.published(new ReleaseFilter("förderung", null), Optional.empty(), 10,
        clock.instant()).items()).isEmpty();
    assertThat(store.archive(clock.instant())).extracting(ReleaseHead::id).containsExactly(kept.id());
    assertThat(store.publishedSince(START, 10, clock.instant())).extracting(Release::id)
        .containsExactly(kept.id());
  }

  @Test
  void publicListIsNewestFirst() {
    Release oldest = newsroom.create(Fixtures.input("Alt", "2024-01-01T09:00:00Z", List.of(), "de"));
    Release newest = newsroom.create(Fixtures.input("Neu", "2024-02-20T09:00:00+01:00",
        List.of(), "de"));
    Release middle = newsroom.create(Fixtures.input("Mitte", "2024-02-01T09:00:00Z", List.of(),
        "de"));

    assertThat(publicIds()).containsExactly(newest.id(), middle.id(), oldest.id());
  }

  @Test
  void pagingThroughFortyFiveReleasesReturnsEachExactlyOnceNewestFirst() {
    List<Release> created = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      // Pairs share a time: ties are broken by id, never lost or repeated across pages.
      Instant at = START.minus(Duration.ofHours(i / 2));
      created.add(newsroom.create(Fixtures.input("Meldung " + i, at.toString(), List.of(), "de")));
    }

    List<Page> pages = pages((after, limit) ->
        store.published(ReleaseFilter.NONE, after, limit, clock.instant()), 20);

    assertThat(pages).extracting(p -> p.items().size()).containsExactly(20, 20, 5);
    assertThat(pages.get(2).next()).isEmpty();
    assertThat(ids(pages)).containsExactlyElementsOf(created.stream()
        .sorted(Comparator.comparing(Release::publicSortKey).reversed())
        .map(Release::id)
        .toList());
  }

  @Test
  void lastFullPageHasNoNextPosition() {
    for (int i = 0; i < 3; i++) {
      newsroom.create(Fixtures.input("Meldung " + i, null, List.of(), "de"));
      clock.advance(Duration.ofMinutes(1));
    }

    Page page = store.published(ReleaseFilter.NONE, Optional.empty(), 3, clock.instant());

    assertThat(page.items()).hasSize(3);
    assertThat(page.next()).isEmpty();
  }

  @Test
  void tagFilterIgnoresCase() {
    Release energy = newsroom.create(Fixtures.input("Energie", null, List.of("Smart City"), "de"));
    newsroom.create(Fixtures.input("Anderes", null, List.of("Verkehr"), "de"));

    Page page = store.published(new ReleaseFilter("sMaRt cItY", null), Optional.empty(), 20,
        clock.instant());

    assertThat(page.items()).extracting(Release::id).containsExactly(energy.id());
  }

  @Test
  void languageFilterMatchesTheLanguageAndItsSubtags() {
    Release german = newsroom.create(Fixtures.input("Deutsch", null, List.of(), "de"));
    clock.advance(Duration.ofMinutes(1));
    Release germany = newsroom.create(Fixtures.input("Deutschland", null, List.of(), "de-DE"));
    clock.advance(Duration.ofMinutes(1));
    newsroom.create(Fixtures.input("English", null, List.of(), "en"));
    clock.advance(Duration.ofMinutes(1));
    newsroom.create(Fixtures.input("Delaware", null, List.of(), "del"));

    Page page = store.published(new ReleaseFilter(null, "DE"), Optional.empty(), 20,
        clock.instant());

    assertThat(page.items()).extracting(Release::id).containsExactly(germany.id(), german.id());
  }

  @Test
  void filteredPagesStayFullAndPageThroughEveryMatchOnce() {
    List<String> tagged = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      List<String> tags = i % 3 == 0 ? List.of("Energie") : List.of("Verkehr");
      Release r = newsroom.create(Fixtures.input("Meldung " + i, null, tags, "de"));
      if (i % 3 == 0) {
        tagged.add(0, r.id());
      }
      clock.advance(Duration.ofMinutes(1));
    }

    List<Page> pages = pages((after, limit) ->
        store.published(new ReleaseFilter("energie", "de"), after, limit, clock.instant()), 4);

    assertThat(pages).extracting(p -> p.items().size()).containsExactly(4, 4, 2);
    assertThat(ids(pages)).containsExactlyElementsOf(tagged);
  }

  // --- filters read what they show, whatever else the archive holds -----------------------

  @Test
  void tagAndLanguagePagesStayFullAndPageThroughEveryMatchOnceNewestFirst() {
    List<String> tagged = new ArrayList<>();
    List<String> french = new ArrayList<>();
    List<String> taggedFrench = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String language = i % 4 == 0 ? "fr-CA" : "de";
      List<String> tags = i % 5 == 0 ? List.of("Haushalt", "Rat") : List.of("Rat");
      Release r = newsroom.create(Fixtures.input("Meldung " + i, null, tags, language));
      if (i % 5 == 0) {
        tagged.add(0, r.id());
      }
      if (i % 4 == 0) {
        french.add(0, r.id());
      }
      if (i % 20 == 0) {
        taggedFrench.add(0, r.id());
      }
      clock.advance(Duration.ofMinutes(1));
    }

    List<Page> byTag = pages((after, limit) ->
        store.published(new ReleaseFilter("HAUSHALT", null), after, limit, clock.instant()), 3);
    List<Page> byLanguage = pages((after, limit) ->
        store.published(new ReleaseFilter(null, "fr"), after, limit, clock.instant()), 4);
    List<Page> byBoth = pages((after, limit) ->
        store.published(new ReleaseFilter("haushalt", "FR-ca"), after, limit, clock.instant()), 1);

    assertThat(byTag).extracting(p -> p.items().size()).containsExactly(3, 3, 2);
    assertThat(ids(byTag)).containsExactlyElementsOf(tagged);
    assertThat(byLanguage).extracting(p -> p.items().size()).containsExactly(4, 4, 2);
    assertThat(ids(byLanguage)).containsExactlyElementsOf(french);
    assertThat(byBoth).extracting(p -> p.items().size()).containsExactly(1, 1);
    assertThat(ids(byBoth)).containsExactlyElementsOf(taggedFrench);
  }

  @Test
  void tagsMatchWhateverTheirCaseAndTheFilterAgreesWithTheIndex() {
    Release lower = newsroom.create(Fixtures.input("Klein", null, List.of("förderung"), "de"));
    clock.advance(Duration.ofMinutes(1));
    Release upper = newsroom.create(Fixtures.input("Groß", null, List.of("FÖRDERUNG"), "de"));
    clock.advance(Duration.ofMinutes(1));
    Release street = newsroom.create(Fixtures.input("Straße", null, List.of("Straße"), "de"));
    clock.advance(Duration.ofMinutes(1));
    Release greek = newsroom.create(Fixtures.input("Griechisch", null, List.of("ΟΔΟΣ"), "el"));
    newsroom.create(Fixtures.input("Andere", null, List.of("Forderung"), "de"));

    for (String filter : List.of("Förderung", "förderung", "FÖRDERUNG", "fÖrDeRuNg")) {
      assertThat(store.published(new ReleaseFilter(filter, null), Optional.empty(), 10,
          clock.instant()).items()).as(filter).extracting(Release::id)
          .containsExactly(upper.id(), lower.id());
      assertThat(store.published(new ReleaseFilter(filter, "DE"), Optional.empty(), 10,
          clock.instant()).items()).as(filter + " in German").extracting(Release::id)
          .containsExactly(upper.id(), lower.id());
    }
    assertThat(store.published(new ReleaseFilter("STRASSE", null), Optional.empty(), 10,
        clock.instant()).items()).extracting(Release::id).containsExactly(street.id());
    assertThat(store.published(new ReleaseFilter("οδοσ", null), Optional.empty(), 10,
        clock.instant()).items()).extracting(Release::id).containsExactly(greek.id());
  }

  @Test
  void anEditMovesAReleaseBetweenFiltersAndAlongThem() {
    Release first = newsroom.create(Fixtures.input("Erste", null, List.of("Bau", "Rat"), "de-DE"));
    clock.advance(Duration.ofMinutes(1));
    Release other = newsroom.create(Fixtures.input("Andere", null, List.of("Bau"), "de"));
    clock.advance(Duration.ofMinutes(1));

    // The tag goes, the language changes.
    Release edited = newsroom.revise(first, Fixtures.input("Erste", null, List.of("Rat"), "en"));
    assertThat(newsroom.save(edited)).isTrue();
    assertThat(filtered("bau", null)).containsExactly(other.id());
    assertThat(filtered("rat", null)).containsExactly(first.id());
    assertThat(filtered(null, "de")).containsExactly(other.id());
    assertThat(filtered(null, "de-de")).isEmpty();
    assertThat(filtered("rat", "de")).isEmpty();
    assertThat(filtered("rat", "en")).containsExactly(first.id());

    // A new publishAt moves it: ahead of the other, still once.
    clock.advance(Duration.ofMinutes(1));
    Release moved = newsroom.revise(edited, Fixtures.input("Erste",
        clock.instant().minusSeconds(1).toString(), List.of("Rat", "Bau"), "en"));
    assertThat(newsroom.save(moved)).isTrue();
    assertThat(filtered("bau", null)).containsExactly(first.id(), other.id());
    assertThat(store.published(new ReleaseFilter("bau", null), Optional.empty(), 1,
        clock.instant()).next()).isPresent();

    // An embargo in the future takes it out of every filter until its time.
    Instant embargo = clock.instant().plus(Duration.ofHours(1));
    Release embargoed = newsroom.revise(moved, Fixtures.input("Erste", embargo.toString(),
        List.of("Rat", "Bau"), "en"));
    assertThat(newsroom.save(embargoed)).isTrue();
    assertThat(filtered("bau", null)).containsExactly(other.id());
    assertThat(filtered("rat", "en")).isEmpty();
    clock.set(embargo);
    assertThat(filtered("bau", null)).containsExactly(first.id(), other.id());
    assertThat(filtered("rat", "en")).containsExactly(first.id());

    // Retraction takes it out for good.
    assertThat(newsroom.save(newsroom.retract(store.find(first.id()).orElseThrow()))).isTrue();
    assertThat(filtered("bau", null)).containsExactly(other.id());
    assertThat(filtered("rat", null)).isEmpty();
    assertThat(filtered(null, "en")).isEmpty();
  }

  @Test
  void draftsAndEmbargoesStayOutOfFiltersUntilPublishedAndDue() {
    Release draft = newsroom.create(Fixtures.draft(Fixtures.input("Entwurf", null,
        List.of("Geheim"), "de")));
    Instant embargo = START.plus(Duration.ofHours(2));
    Release scheduled = newsroom.create(Fixtures.input("Sperrfrist", embargo.toString(),
        List.of("Geheim"), "de"));
    assertThat(filtered("geheim", null)).isEmpty();
    assertThat(filtered(null, "de")).isEmpty();
    assertThat(filtered("geheim", "de")).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    Release published = newsroom.revise(draft, Fixtures.input("Entwurf", null,
        List.of("Geheim"), "de"));
    assertThat(newsroom.save(published)).isTrue();
    assertThat(filtered("geheim", null)).containsExactly(draft.id());

    clock.set(embargo.minusMillis(1));
    assertThat(filtered("geheim", "de")).containsExactly(draft.id());
    clock.set(embargo);
    assertThat(filtered("geheim", "de")).containsExactly(scheduled.id(), draft.id());
    // Back to draft: out again.
    Release unpublished = newsroom.revise(store.find(draft.id()).orElseThrow(),
        Fixtures.draft(Fixtures.input("Entwurf", null, List.of("Geheim"), "de")));
    assertThat(newsroom.save(unpublished)).isTrue();
    assertThat(filtered("geheim", null)).containsExactly(scheduled.id());
  }

  @Test
  void anUnknownTagAndFiltersNoReleaseCanPassFindNothing() {
    newsroom.create(Fixtures.input("Meldung", null, List.of("bekannt"), "de"));

    for (ReleaseFilter filter : List.of(new ReleaseFilter("unbekannt", null),
        new ReleaseFilter("unbekannt", "de"), new ReleaseFilter(null, "xx"),
        new ReleaseFilter("bekannt", "de|t:bekannt"), new ReleaseFilter(null, "d"),
        new ReleaseFilter(null, "de-"), new ReleaseFilter("ß".repeat(200), null),
        new ReleaseFilter("bekannt", "de".repeat(500)))) {
      Page page = store.published(filter, Optional.empty(), 5, clock.instant());
      assertThat(page.items()).as(filter.toString()).isEmpty();
      assertThat(page.next()).as(filter.toString()).isEmpty();
    }
  }

  private List<String> filtered(String tag, String lang) {
    return store.published(new ReleaseFilter(tag, lang), Optional.empty(), 100, clock.instant())
        .items().stream().map(Release::id).toList();
  }

  // --- the page before: counting back from a cursor (newerBy) -----------------------------

  /** The filters the newsroom's index offers, each with visible releases in this archive. */
  private static final List<ReleaseFilter> INDEX_FILTERS = List.of(ReleaseFilter.NONE,
      new ReleaseFilter("Energie", null), new ReleaseFilter(null, "fr"),
      new ReleaseFilter(null, "de"), new ReleaseFilter("energie", "DE"));

  /**
   * Ten visible releases (pairs sharing a time: ties go by id), tagged and in languages so that
   * every filter of {@link #INDEX_FILTERS} lists several, among what never counts: a draft, a
   * release retracted and one made a draft again (both public before, tagged alike), and one
   * scheduled an hour ahead, newer than all. Returns the scheduled one.
   */
  private Release archiveWithWhatNeverCounts() {
    for (int i = 0; i < 10; i++) {
      Instant at = START.minus(Duration.ofHours(10 - i / 2));
      newsroom.create(Fixtures.input("Meldung " + i, at.toString(),
          List.of(i % 2 == 0 ? "Energie" : "Verkehr"), i % 3 == 0 ? "fr-CA" : "de"));
    }
    newsroom.create(Fixtures.draft(Fixtures.input("Entwurf",
        START.minus(Duration.ofMinutes(150)).toString(), List.of("Energie"), "de")));
    Release retracted = newsroom.create(Fixtures.input("Zurückgezogen",
        START.minus(Duration.ofMinutes(270)).toString(), List.of("Energie"), "de"));
    Release unpublished = newsroom.create(Fixtures.input("Zurück zum Entwurf",
        START.minus(Duration.ofMinutes(390)).toString(), List.of("Energie"), "fr"));
    clock.advance(Duration.ofSeconds(1));
    assertThat(newsroom.save(newsroom.retract(retracted))).isTrue();
    assertThat(newsroom.save(newsroom.revise(unpublished, Fixtures.draft(unpublished.input()))))
        .isTrue();
    return newsroom.create(Fixtures.input("Sperrfrist", START.plus(Duration.ofHours(1)).toString(),
        List.of("Energie"), "de"));
  }

  /** The keys {@code published} lists for {@code filter} now, newest first. */
  private List<SortKey> listedKeys(ReleaseFilter filter) {
    return store.published(filter, Optional.empty(), 100, clock.instant()).items().stream()
        .map(Release::publicSortKey).toList();
  }

  @Test
  void newerByCountsBackFromAnyListedKeyExactlyAsTheListShowsIt() {
    archiveWithWhatNeverCounts();

    for (ReleaseFilter filter : INDEX_FILTERS) {
      List<SortKey> keys = listedKeys(filter);
      assertThat(keys).as(filter.toString()).hasSizeGreaterThanOrEqualTo(3);
      for (int k = 0; k < keys.size(); k++) {
        for (int n = 1; n <= keys.size() + 1; n++) {
          Optional<SortKey> expected = k - n >= 0 ? Optional.of(keys.get(k - n)) : Optional.empty();
          assertThat(store.newerBy(filter, keys.get(k), n, clock.instant()))
              .as("%s: %d back from the %d-th", filter, n, k).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void thePageBeforeEveryPageStartsWhereItsNextLinkStarted() {
    archiveWithWhatNeverCounts();

    for (ReleaseFilter filter : List.of(ReleaseFilter.NONE, new ReleaseFilter("energie", null),
        new ReleaseFilter(null, "de"))) {
      int size = filter.isEmpty() ? 3 : 2;
      List<Optional<SortKey>> cursors = new ArrayList<>();
      List<Page> pages = pages((after, limit) -> {
        cursors.add(after);
        return store.published(filter, after, limit, clock.instant());
      }, size);
      assertThat(pages).as(filter + ": first, second, third and last page").hasSizeGreaterThanOrEqualTo(3);
      assertThat(pages.get(pages.size() - 1).next()).isEmpty();
      for (int i = 1; i < pages.size(); i++) {
        Optional<SortKey> before = store.newerBy(filter, cursors.get(i).orElseThrow(), size,
            clock.instant());
        assertThat(before).as("%s: page %d starts after", filter, i).isEqualTo(cursors.get(i - 1));
        assertThat(store.published(filter, before, size, clock.instant()).items())
            .as("%s: the page before page %d", filter, i + 1)
            .isEqualTo(pages.get(i - 1).items());
      }
    }
  }

  @Test
  void anEmbargoedReleaseCountsFromItsTimeOnly() {
    Release scheduled = archiveWithWhatNeverCounts();
    Instant embargo = scheduled.publishedAt();
    SortKey newest = listedKeys(ReleaseFilter.NONE).get(0);

    for (ReleaseFilter filter : List.of(ReleaseFilter.NONE, new ReleaseFilter("energie", "de"))) {
      assertThat(store.newerBy(filter, newest, 1, clock.instant())).as(filter.toString()).isEmpty();
      assertThat(store.newerBy(filter, newest, 1, embargo.minusMillis(1))).as(filter.toString())
          .isEmpty();
      assertThat(store.newerBy(filter, newest, 1, embargo)).as(filter.toString())
          .contains(scheduled.publicSortKey());
      assertThat(store.newerBy(filter, newest, 2, embargo)).as(filter.toString()).isEmpty();
    }
  }

  @Test
  void anEmbargoBelowTheMillisecondCountsFromItsMillisecondInEveryStore() {
    Release visible = newsroom.create(Fixtures.input("Sichtbar",
        START.minus(Duration.ofHours(1)).toString(), List.of("Rat"), "de"));
    Instant embargo = START.plus(Duration.ofHours(1)).plusNanos(500_000);
    Release scheduled = newsroom.create(Fixtures.input("Sperrfrist", embargo.toString(),
        List.of("Rat"), "de"));
    Instant itsMillisecond = START.plus(Duration.ofHours(1));

    for (ReleaseFilter filter : List.of(ReleaseFilter.NONE, new ReleaseFilter("rat", null))) {
      assertThat(store.newerBy(filter, visible.publicSortKey(), 1, itsMillisecond.minusNanos(1)))
          .as(filter.toString()).isEmpty();
      assertThat(store.newerBy(filter, visible.publicSortKey(), 1, itsMillisecond))
          .as(filter.toString()).contains(scheduled.publicSortKey());
    }
  }

  @Test
  void draftsAndRetractedReleasesNeverCount() {
    Release oldest = newsroom.create(Fixtures.input("Älteste",
        START.minus(Duration.ofHours(5)).toString(), List.of("Rat"), "de"));
    Release draft = newsroom.create(Fixtures.draft(Fixtures.input("Entwurf",
        START.minus(Duration.ofHours(4)).toString(), List.of("Rat"), "de")));
    Release retracted = newsroom.create(Fixtures.input("Zurückgezogen",
        START.minus(Duration.ofHours(3)).toString(), List.of("Rat"), "de"));
    Release unpublished = newsroom.create(Fixtures.input("Wieder Entwurf",
        START.minus(Duration.ofHours(2)).toString(), List.of("Rat"), "de"));
    Release newest = newsroom.create(Fixtures.input("Neueste",
        START.minus(Duration.ofHours(1)).toString(), List.of("Rat"), "de"));
    clock.advance(Duration.ofMinutes(1));
    assertThat(newsroom.save(newsroom.retract(retracted))).isTrue();
    assertThat(newsroom.save(newsroom.revise(unpublished, Fixtures.draft(unpublished.input()))))
        .isTrue();
    assertThat(store.find(draft.id()).orElseThrow().state()).isEqualTo(Release.State.DRAFT);

    for (ReleaseFilter filter : List.of(ReleaseFilter.NONE, new ReleaseFilter("rat", null),
        new ReleaseFilter(null, "de"))) {
      assertThat(store.newerBy(filter, oldest.publicSortKey(), 1, clock.instant()))
          .as(filter.toString()).contains(newest.publicSortKey());
      assertThat(store.newerBy(filter, oldest.publicSortKey(), 2, clock.instant()))
          .as(filter.toString()).isEmpty();
    }
  }

  @Test
  void aCursorWhoseReleaseWasRetractedSinceStillCountsFromItsPlace() {
    List<Release> created = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      created.add(newsroom.create(Fixtures.input("Meldung " + i,
          START.minus(Duration.ofHours(6 - i)).toString(), List.of("Rat"), "de")));
    }
    SortKey cursor = created.get(2).publicSortKey();
    clock.advance(Duration.ofMinutes(1));
    assertThat(newsroom.save(newsroom.retract(created.get(2)))).isTrue();

    for (ReleaseFilter filter : List.of(ReleaseFilter.NONE, new ReleaseFilter("rat", "de"))) {
      assertThat(store.newerBy(filter, cursor, 1, clock.instant())).as(filter.toString())
          .contains(created.get(3).publicSortKey());
      assertThat(store.newerBy(filter, cursor, 3, clock.instant())).as(filter.toString())
          .contains(created.get(5).publicSortKey());
      assertThat(store.newerBy(filter, cursor, 4, clock.instant())).as(filter.toString())
          .isEmpty();
    }
  }

  @Test
  void aKeyAtOrAboveNowOrAFilterNoReleaseCanPassFindsNothing() {
    Release release = newsroom.create(Fixtures.input("Meldung",
        START.minus(Duration.ofHours(1)).toString(), List.of("Rat"), "de"));
    SortKey below = SortKey.of(START.minus(Duration.ofHours(2)), "a");
    assertThat(store.newerBy(ReleaseFilter.NONE, below, 1, clock.instant()))
        .contains(release.publicSortKey());

    for (SortKey above : List.of(SortKey.of(START, "a"), SortKey.of(START, "zzz"),
        SortKey.of(START.plus(Duration.ofDays(400)), "a"))) {
      assertThat(store.newerBy(ReleaseFilter.NONE, above, 1, clock.instant())).as(above.value())
          .isEmpty();
      assertThat(store.newerBy(new ReleaseFilter("rat", null), above, 1, clock.instant()))
          .as(above.value()).isEmpty();
    }
    for (ReleaseFilter filter : List.of(new ReleaseFilter("unbekannt", null),
        new ReleaseFilter("rat", "de|t:rat"), new ReleaseFilter(null, "de".repeat(500)))) {
      assertThat(store.newerBy(filter, below, 1, clock.instant())).as(filter.toString()).isEmpty();
    }
    assertThatThrownBy(() -> store.newerBy(ReleaseFilter.NONE, below, 0, clock.instant()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- what editors see -------------------------------------------------------------------

  @Test
  void editorViewsShowEachStatusAndAllShowsEverythingNewestFirst() {
    Release draft = newsroom.create(Fixtures.draft(Fixtures.input("Entwurf", null, List.of(),
        "de")));
    clock.advance(Duration.ofMinutes(1));
    Release scheduled = newsroom.create(Fixtures.input("Sperrfrist",
        START.plus(Duration.ofDays(1)).toString(), List.of(), "de"));
    Release published = newsroom.create(Fixtures.input("Veröffentlicht", null, List.of(), "de"));
    Release toRetract = newsroom.create(Fixtures.input("Zurückgezogen",
        "2024-01-15T12:00:00Z", List.of(), "de"));
    clock.advance(Duration.ofMinutes(1));
    Release retracted = newsroom.retract(toRetract);
    assertThat(newsroom.save(retracted)).isTrue();
    Instant now = clock.instant();

    assertThat(editorIds(EditorView.DRAFT, now)).containsExactly(draft.id());
    assertThat(editorIds(EditorView.SCHEDULED, now)).containsExactly(scheduled.id());
    assertThat(editorIds(EditorView.PUBLISHED, now)).containsExactly(published.id());
    assertThat(editorIds(EditorView.RETRACTED, now)).containsExactly(retracted.id());
    assertThat(editorIds(EditorView.ALL, now))
        .containsExactly(scheduled.id(), published.id(), draft.id(), retracted.id());

    Instant afterEmbargo = START.plus(Duration.ofDays(2));
    assertThat(editorIds(EditorView.SCHEDULED, afterEmbargo)).isEmpty();
    assertThat(editorIds(EditorView.PUBLISHED, afterEmbargo))
        .containsExactly(scheduled.id(), published.id());
  }

  @Test
  void editorListPagesThroughEveryReleaseOnce() {
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ReleaseInput in = Fixtures.input("Meldung " + i, null, List.of(), "de");
      newestFirst.add(0, newsroom.create(i % 2 == 0 ? Fixtures.draft(in) : in).id());
      clock.advance(Duration.ofMinutes(1));
    }

    List<Page> pages = pages((after, limit) ->
        store.forEditors(EditorView.ALL, after, limit, clock.instant()), 3);

    assertThat(pages).extracting(p -> p.items().size()).containsExactly(3, 3, 1);
    assertThat(ids(pages)).containsExactlyElementsOf(newestFirst);
  }

  // --- feed state: the validators of every public read ------------------------------------

  @Test
  void feedStateStartsInitialAndMovesOnWithEveryPublicWrite() {
    assertThat(store.feedState()).isEqualTo(FeedState.INITIAL);
    Release created = newsroom.create(Fixtures.input("Erste", null, List.of(), "de"));
    FeedState afterCreate = store.feedState();
    assertThat(afterCreate.edition()).isEqualTo(2); // once before, once after the write
    assertThat(afterCreate.changedAt()).isEqualTo(newsroom.now());
    clock.advance(Duration.ofMinutes(1));
    assertThat(newsroom.save(newsroom.revise(created, Fixtures.input("Zweite", null, List.of(), "de"))))
        .isTrue();
    assertThat(store.feedState().edition()).isEqualTo(4);
    assertThat(store.feedState().changedAt()).isEqualTo(newsroom.now());
  }

  @Test
  void draftsAndScheduledReleasesLeaveThePublicEditionAlone() {
    newsroom.create(Fixtures.input("Öffentlich", null, List.of(), "de"));
    FeedState published = store.feedState();
    clock.advance(Duration.ofMinutes(1));
    Release draft = newsroom.create(Fixtures.draft(Fixtures.input("Entwurf", null, List.of(), "de")));
    assertThat(store.feedState()).as("a draft writes nothing").isEqualTo(published);
    clock.advance(Duration.ofMinutes(1));
    assertThat(newsroom.save(newsroom.revise(draft,
        Fixtures.draft(Fixtures.input("Entwurf 2", null, List.of(), "de"))))).isTrue();
    Instant embargo = START.plus(Duration.ofHours(3));
    Release scheduled = newsroom.create(Fixtures.input("Geplant", embargo.toString(), List.of(), "de"));
    assertThat(newsroom.save(newsroom.revise(scheduled,
        Fixtures.input("Geplant, neu", embargo.toString(), List.of(), "de")))).isTrue();

    FeedState after = store.feedState();
    assertThat(after.edition()).isEqualTo(published.edition());
    assertThat(after.lastModified(clock.instant())).isEqualTo(published.lastModified(clock.instant()));
    assertThat(after.nextEmbargoEnd(clock.instant())).contains(embargo);
    assertThat(after.lastModified(embargo)).isEqualTo(embargo);
  }

  @Test
  void feedStateRecordsEmbargoesPerReleaseSoValidatorsChangeWhenOneEnds() {
    Instant soon = START.plus(Duration.ofHours(1));
    Instant later = START.plus(Duration.ofHours(5));
    Release laterOne = newsroom.create(Fixtures.input("Später", later.toString(), List.of(), "de"));
    Release soonOne = newsroom.create(Fixtures.input("Bald", soon.toString(), List.of(), "de"));
    newsroom.create(Fixtures.input("Schon da", null, List.of(), "de"));
    newsroom.create(Fixtures.draft(Fixtures.input("Entwurf mit Termin",
        START.plus(Duration.ofMinutes(10)).toString(), List.of(), "de")));

    FeedState state = store.feedState();
    assertThat(state.embargoes()).containsExactly(
        new FeedState.Embargo(soon, soonOne.feedId(), 1), new FeedState.Embargo(later, laterOne.feedId(), 1));
    assertThat(state.nextEmbargoEnd(START)).contains(soon);
    assertThat(state.lastModified(START)).isEqualTo(START);
    assertThat(state.lastModified(soon)).isEqualTo(soon);
    assertThat(state.nextEmbargoEnd(soon)).contains(later);
    assertThat(state.lastModified(later)).isEqualTo(later);
    assertThat(state.nextEmbargoEnd(later)).isEmpty();
  }

  @Test
  void reschedulingUnschedulingOrRetractingRemovesTheOldEmbargoEnd() {
    Instant first = START.plus(Duration.ofHours(1));
    Instant moved = START.plus(Duration.ofHours(2));
    Release rescheduled = newsroom.create(Fixtures.input("Verschoben", first.toString(), List.of(), "de"));
    Release unscheduled = newsroom.create(Fixtures.input("Zurück", first.plusSeconds(60).toString(), List.of(), "de"));
    Release retracted = newsroom.create(Fixtures.input("Zurückgezogen", first.plusSeconds(120).toString(), List.of(), "de"));
    FeedState before = store.feedState();

    assertThat(newsroom.save(newsroom.revise(rescheduled,
        Fixtures.input("Verschoben", moved.toString(), List.of(), "de")))).isTrue();
    assertThat(newsroom.save(newsroom.revise(unscheduled,
        Fixtures.draft(Fixtures.input("Zurück", first.plusSeconds(60).toString(), List.of(), "de"))))).isTrue();
    assertThat(newsroom.save(newsroom.retract(retracted))).isTrue();

    FeedState after = store.feedState();
    assertThat(after.embargoes()).containsExactly(new FeedState.Embargo(moved, rescheduled.feedId(), 2));
    assertThat(after.edition()).isEqualTo(before.edition());
    Instant pastOldTimes = first.plusSeconds(180);
    assertThat(after.lastModified(pastOldTimes)).as("no old time moves the validators")
        .isEqualTo(before.lastModified(START));
    assertThat(after.lastModified(moved)).isEqualTo(moved);
  }

  @Test
  void aStaleFeedStateWriteIsRefused() {
    FeedState first = FeedState.INITIAL.changed(START).successorOf(FeedState.INITIAL);
    assertThat(store.replaceFeedState(first, 0)).isTrue();
    assertThat(store.replaceFeedState(first, 0)).as("revision 0 is taken").isFalse();
    FeedState second = first.recording(new FeedState.Embargo(START.plusSeconds(60), "urn:uuid:x", 1),
        START.plusSeconds(1)).successorOf(first);
    assertThat(store.replaceFeedState(second, 1)).isTrue();
    assertThat(store.replaceFeedState(second.changed(START).successorOf(first), 1)).isFalse();
    assertThat(store.feedState()).isEqualTo(second);
  }

  @Test
  void aRetryWithTheSameKeyCreatesNothingAndLeavesTheFeedsAlone() {
    ReleaseInput input = Fixtures.input("Einmal", null, List.of(), "de");
    Release first = newsroom.createOnce(input, "editor\nkey", "hash").orElseThrow();
    FeedState after = store.feedState();
    Release again = newsroom.createOnce(input, "editor\nkey", "hash").orElseThrow();
    assertThat(again).isEqualTo(first);
    assertThat(store.feedState()).as("a retry moves no validator").isEqualTo(after);
    assertThat(store.forEditors(EditorView.ALL, Optional.empty(), 10, clock.instant()).items()).hasSize(1);
  }

  // --- the rendering stored with every version -------------------------------------------

  @Test
  void everyWrittenVersionCarriesItsRenderingAndReadsItBack() {
    ReleaseInput seed = Fixtures.seedInput();
    Release created = newsroom.create(seed);
    assertThat(created.rendering()).isEqualTo(Composer.compose(seed));
    assertThat(store.find(created.id()).orElseThrow().rendering()).isEqualTo(created.rendering());
    assertThat(store.published(ReleaseFilter.NONE, Optional.empty(), 10, clock.instant()).items())
        .extracting(Release::rendering).containsExactly(created.rendering());

    clock.advance(Duration.ofMinutes(1));
    ReleaseInput english = Fixtures.input("New title", null, List.of(), "en");
    assertThat(newsroom.save(newsroom.revise(created, english))).isTrue();
    Rendering revised = store.find(created.id()).orElseThrow().rendering();
    assertThat(revised).isEqualTo(Composer.compose(english)).isNotEqualTo(created.rendering());
    assertThat(revised.feedHtml()).contains("<h2>Press contact</h2>");

    clock.advance(Duration.ofMinutes(1));
    assertThat(newsroom.save(newsroom.retract(store.find(created.id()).orElseThrow()))).isTrue();
    assertThat(store.forEditors(EditorView.ALL, Optional.empty(), 10, clock.instant()).items())
        .extracting(Release::rendering).containsExactly(revised);
  }

  @Test
  void aVersionSavedWithoutARenderingGetsOneOnTheWay() {
    Release created = newsroom.create(Fixtures.seedInput());
    ReleaseInput english = Fixtures.input("Made by hand", null, List.of(), "en");
    Release byHand = new Release(created.id(), created.feedId(), english, Release.State.PUBLISHED,
        created.firstPublishedAt(), created.createdAt(), START, created.version() + 1);

    assertThat(newsroom.save(byHand)).isTrue();

    assertThat(store.find(created.id()).orElseThrow().rendering()).isEqualTo(Composer.compose(english));
  }

  @Test
  void aReleaseStoredWithoutARenderingReadsBackWithoutOneAndIsComposedOnRead() {
    Release before = new Release("2024-03-01-vor-der-umstellung", "urn:uuid:" + UUID.randomUUID(),
        Fixtures.seedInput(), Release.State.PUBLISHED, START, START, START, 1);

    assertThat(store.insert(before)).isTrue();

    Release read = store.find(before.id()).orElseThrow();
    assertThat(read).isEqualTo(before);
    assertThat(read.rendering()).isNull();
    assertThat(Rendering.of(read)).isEqualTo(Composer.compose(Fixtures.seedInput()));
  }

  @Test
  void anIdempotentCreateKeepsTheRenderingInTheRecordToo() {
    Release created = newsroom.createOnce(Fixtures.seedInput(), "editor\nkey", "hash").orElseThrow();

    assertThat(created.rendering()).isNotNull();
    assertThat(store.findIdempotency("editor\nkey").orElseThrow().release()).isEqualTo(created);
    assertThat(store.find(created.id())).contains(created);
  }

  @Test
  void aBodyWhoseHtmlOutgrowsItThreefoldIsStoredWithoutItsRendering() {
    // "&" becomes "&amp;": 80 000 characters of text, 240 000 of HTML, twice (API and feed).
    ReleaseInput ampersands = Fixtures.withBody(Fixtures.seedInput(), "& ".repeat(40_000).strip());

    Release created = newsroom.create(ampersands);

    Release stored = store.find(created.id()).orElseThrow();
    assertThat(created.rendering().bodyHtml()).hasSizeGreaterThan(240_000);
    assertThat(stored.rendering()).isNull();
    assertThat(stored.input()).isEqualTo(ampersands);
    assertThat(Rendering.of(stored)).isEqualTo(created.rendering());
  }

  @Test
  void theLargestBodyAnEditorCanSendIsStoredWithoutItsRenderingAndReadsBackWhole() {
    ReleaseInput largest = Fixtures.withBody(Fixtures.seedInput(), Fixtures.largestBody());

    Release created = newsroom.createOnce(largest, "editor\nlargest", "hash").orElseThrow();

    Release stored = store.find(created.id()).orElseThrow();
    assertThat(stored.input()).isEqualTo(largest);
    assertThat(stored.rendering()).as("no room beside the text").isNull();
    assertThat(Rendering.of(stored)).as("composed on read, the same").isEqualTo(created.rendering());
    assertThat(store.findIdempotency("editor\nlargest").orElseThrow().release().input()).isEqualTo(largest);
    assertThat(publicIds()).containsExactly(created.id());

    clock.advance(Duration.ofMinutes(1));
    ReleaseInput retitled = Fixtures.withBody(Fixtures.input("Länger geht es nicht", null, List.of(), "de"),
        Fixtures.largestBody());
    assertThat(newsroom.save(newsroom.revise(stored, retitled))).isTrue();
    assertThat(store.find(created.id()).orElseThrow().input()).isEqualTo(retitled);
    assertThat(store.published(ReleaseFilter.NONE, Optional.empty(), 10, clock.instant()).items())
        .extracting(r -> r.input().title()).containsExactly("Länger geht es nicht");
  }

  // --- idempotency records ----------------------------------------------------------------

  @Test
  void idempotencyRecordReadsBackAndALiveOneIsNotOverwritten() {
    IdempotencyRecord record = record("editor-1 key-1", "hash-a", START);
    assertThat(store.insertIdempotency(record, START)).isTrue();
    assertThat(store.findIdempotency("editor-1 key-1")).contains(record);

    IdempotencyRecord other = record("editor-1 key-1", "hash-b", START.plusSeconds(60));
    assertThat(store.insertIdempotency(other, START.plusSeconds(60))).isFalse();
    assertThat(store.findIdempotency("editor-1 key-1")).contains(record);
    assertThat(store.findIdempotency("editor-2 key-1")).isEmpty();
  }

  @Test
  void expiredIdempotencyRecordMayBeReplaced() {
    IdempotencyRecord first = record("editor-1 key-1", "hash-a", START);
    assertThat(store.insertIdempotency(first, START)).isTrue();

    Instant expired = first.expiresAt();
    IdempotencyRecord second = record("editor-1 key-1", "hash-b", expired);
    assertThat(store.insertIdempotency(second, expired)).isTrue();
    assertThat(store.findIdempotency("editor-1 key-1")).contains(second);
  }

  @Test
  void idempotencyRecordMovesOnlyFromTheReleaseItStillNames() {
    IdempotencyRecord record = record("editor-1 key-1", "hash-a", START);
    store.insertIdempotency(record, START);
    Release renamed = withId(record.release(), record.release().id() + "-2");
    IdempotencyRecord moved = record.withRelease(renamed);

    assertThat(store.replaceIdempotency(moved, "some-other-id")).isFalse();
    assertThat(store.findIdempotency(record.scope())).contains(record);
    assertThat(store.replaceIdempotency(moved, record.release().id())).isTrue();
    assertThat(store.findIdempotency(record.scope())).contains(moved);
  }

  @Test
  void sameIdempotencyKeyCreatesOneReleaseAndAnotherBodyIsRefused() {
    ReleaseInput input = Fixtures.seedInput();
    Release first = newsroom.createOnce(input, "editor-1 key-1", "hash-a").orElseThrow();
    clock.advance(Duration.ofMinutes(1));
    Release retry = newsroom.createOnce(input, "editor-1 key-1", "hash-a").orElseThrow();

    assertThat(retry).isEqualTo(first);
    assertThat(newsroom.createOnce(input, "editor-1 key-1", "hash-b")).isEmpty();
    assertThat(store.forEditors(EditorView.ALL, Optional.empty(), 10, clock.instant()).items())
        .containsExactly(first);
  }

  @Test
  void idempotentCreateTakesTheNextIdWhenTheReservedOneIsTaken() {
    Release taken = newsroom.create(Fixtures.seedInput());

    Release created = newsroom.createOnce(Fixtures.seedInput(), "editor-1 key-1", "hash-a")
        .orElseThrow();

    assertThat(created.id()).isEqualTo(taken.id() + "-2");
    assertThat(store.findIdempotency("editor-1 key-1").orElseThrow().release()).isEqualTo(created);
  }

  // --- helpers ----------------------------------------------------------------------------

  private List<String> publicIds() {
    return store.published(ReleaseFilter.NONE, Optional.empty(), 100, clock.instant()).items()
        .stream().map(Release::id).toList();
  }

  private List<String> editorIds(EditorView view, Instant now) {
    return store.forEditors(view, Optional.empty(), 100, now).items().stream()
        .map(Release::id).toList();
  }

  /** Follows {@code next} from the first page to the last. */
  protected static List<Page> pages(BiFunction<Optional<SortKey>, Integer, Page> list, int limit) {
    List<Page> pages = new ArrayList<>();
    Optional<SortKey> after = Optional.empty();
    do {
      Page page = list.apply(after, limit);
      pages.add(page);
      after = page.next();
      assertThat(pages).as("paging must end").hasSizeLessThan(100);
    } while (after.isPresent());
    return pages;
  }

  private static List<String> ids(List<Page> pages) {
    return pages.stream().flatMap(p -> p.items().stream()).map(Release::id).toList();
  }

  private static IdempotencyRecord record(String scope, String hash, Instant now) {
    Release release = new Release("2024-03-01-idempotent-" + hash, "urn:uuid:" + UUID.randomUUID(),
        Fixtures.seedInput(), Release.State.PUBLISHED, now, now, now, 1);
    return new IdempotencyRecord(scope, hash, release, now.plus(Newsroom.IDEMPOTENCY_WINDOW));
  }

  private static Release withId(Release r, String id) {
    return new Release(id, r.feedId(), r.input(), r.state(), r.firstPublishedAt(), r.createdAt(),
        r.updatedAt(), r.version());
  }
}
