package dev.pressfeed.release;

import dev.pressfeed.audience.AudienceBook;
import dev.pressfeed.push.Outbox;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where releases live. Every write is a single-item conditional write (no transactions: the
 * DynamoDB-compatible server the tests run against has none), so each method is atomic on its
 * own and {@link Newsroom} orders them so that a crash between two is safe.
 *
 * <p>Implementations: {@code store.dynamodb.DynamoReleaseStore} (AWS) and
 * {@code store.embedded.EmbeddedReleaseStore} (the local gateway). Both pass
 * {@code ReleaseStoreContract}.
 */
public interface ReleaseStore {

  Optional<Release> find(String id);

  /**
   * The head of a release, for conditional reads. It may lag a write by a moment (DynamoDB's
   * global indexes are eventually consistent): callers answer 304 from it, never 200.
   */
  Optional<ReleaseHead> head(String id);

  /** Stores a new release unless its id is taken; {@code false} when taken. */
  boolean insert(Release release);

  /**
   * Replaces a release if the stored one still has {@code expectedVersion}; {@code false} when
   * it does not (a concurrent change won) or it is gone.
   */
  boolean replace(Release release, long expectedVersion);

  /**
   * Where the list page before the one starting after {@code after} starts: the sort key of the
   * {@code n}-th release newer than {@code after} (the one just newer is the first) among those
   * {@link #published} would list for {@code filter} at {@code now}, or empty when fewer than
   * {@code n} are newer. {@code after} need not name a release still listed (one retracted since
   * a cursor was made, say): only its place counts.
   *
   * <p>A read of keys, not of releases, so a release counts by its sort key, which holds its
   * time to the millisecond: an embargo {@code publishAt} with digits below the millisecond
   * counts from the start of its millisecond, less than a millisecond early. Both stores count
   * alike.
   *
   * @param n at least 1
   */
  Optional<SortKey> newerBy(ReleaseFilter filter, SortKey after, int n, Instant now);

  /**
   * Visible releases (published, {@code publishedAt ≤ now}), newest first, that pass
   * {@code filter}, starting after {@code after}; at most {@code limit}, with a next position
   * when more may follow.
   */
  Page published(ReleaseFilter filter, Optional<SortKey> after, int limit, Instant now);

  /**
   * The head of every visible release (published, {@code publishedAt ≤ now}), oldest first: the
   * archive as a sitemap lists it. Reads the releases' index entries, never the releases: on
   * DynamoDB about 150 bytes a release, whatever its size.
   */
  List<ReleaseHead> archive(Instant now);

  /**
   * Visible releases published at or after {@code since}, newest first, at most {@code limit}:
   * the recent ones in full, reading only them, however large the archive.
   */
  List<Release> publishedSince(Instant since, int limit, Instant now);

  /**
   * Releases retracted at or after {@code since} that had been public before
   * ({@link Release#wasPublicBeforeRetraction}), newest retraction first, at most {@code limit}:
   * what the Atom feeds' withdrawal signals (RFC 6721 tombstones, SPEC §10) are made of. A
   * retraction is final, so a retracted release's last change ({@code updatedAt}) is its
   * retraction. Reads only those releases, however large the archive; a retracted draft or a
   * scheduled release retracted before its time is never among them.
   */
  List<Release> retractedSince(Instant since, int limit);

  /** Every release the view shows, newest first (publication time, else creation time). */
  Page forEditors(EditorView view, Optional<SortKey> after, int limit, Instant now);

  /**
   * The feeds' validators; {@link FeedState#INITIAL} before the first write. What public reads
   * use: a store may answer from a copy a moment old ({@code store.CachingReleaseStore}).
   */
  FeedState feedState();

  /**
   * The feed state as stored at this moment, never a copy: what a conditional write of it builds
   * on. A write built on a copy could fail on every retry, or skip a change it found already
   * made when another container's write since has undone it.
   */
  default FeedState latestFeedState() {
    return feedState();
  }

  /**
   * Stores the next feed state if the stored one still has {@code expectedRevision} (or, for
   * revision 0, none is stored yet); {@code false} when another write came first.
   */
  boolean replaceFeedState(FeedState next, long expectedRevision);

  Optional<IdempotencyRecord> findIdempotency(String scope);

  /** Stores a record unless a live (unexpired at {@code now}) one has its scope. */
  boolean insertIdempotency(IdempotencyRecord record, Instant now);

  /** Points a record at another release id, if it still names {@code expectedReleaseId}. */
  boolean replaceIdempotency(IdempotencyRecord record, String expectedReleaseId);

  /**
   * The pings waiting for the WebSub hub (SPEC §10), kept beside the releases so that a ping
   * queued before a release write is as durable as the write. Used only with a hub configured.
   */
  default Outbox outbox() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no outbox");
  }

  /**
   * Where this store keeps the feeds' audience (SPEC §11). Built when first asked for, never at
   * start-up: a feed fetch that reports no subscribers never asks. A store without one keeps no
   * audience.
   */
  default AudienceBook audience() {
    return AudienceBook.NONE;
  }
}
