package dev.pressfeed.release;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored press release: the editor's (validated, normalised) input plus what the server
 * keeps about it. Immutable; every change makes a new value with {@code version + 1}.
 *
 * @param id               readable, immutable, URL-safe ({@code yyyy-mm-dd-slug})
 * @param feedId           permanent {@code urn:uuid:} identity used by every feed format
 * @param state            what was stored; {@link #status(Instant)} adds the embargo view
 * @param firstPublishedAt when it was first saved as published, {@code null} before that
 * @param rendering        its HTML as composed when this version was written; {@code null} when
 *                         none was stored (read it through {@link Rendering#of}, which composes
 *                         one when this is missing or out of date)
 */
public record Release(
    String id,
    String feedId,
    ReleaseInput input,
    State state,
    Instant firstPublishedAt,
    Instant createdAt,
    Instant updatedAt,
    long version,
    Rendering rendering) {

  /** The stored state; an embargo is a {@code PUBLISHED} release whose time has not come. */
  public enum State { DRAFT, PUBLISHED, RETRACTED }

  public Release {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(feedId, "feedId");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A release without a stored rendering: reads compose it ({@link Rendering#of}). */
  public Release(String id, String feedId, ReleaseInput input, State state,
      Instant firstPublishedAt, Instant createdAt, Instant updatedAt, long version) {
    this(id, feedId, input, state, firstPublishedAt, createdAt, updatedAt, version, null);
  }

  /** The same release version with {@code rendering} (or none) kept beside it. */
  public Release withRendering(Rendering rendering) {
    return new Release(id, feedId, input, state, firstPublishedAt, createdAt, updatedAt, version,
        rendering);
  }

  /** The embargo set by the editor, if any. */
  public Instant publishAt() {
    return input.publishAt() == null ? null : Instant.parse(input.publishAt());
  }

  /**
   * When the release is or will be public: {@code publishAt} if given, else the moment it
   * was first saved as published; {@code null} for a draft without {@code publishAt}.
   */
  public Instant publishedAt() {
    Instant publishAt = publishAt();
    if (publishAt != null) {
      return publishAt;
    }
    return state == State.DRAFT ? null : firstPublishedAt;
  }

  public Status status(Instant now) {
    return switch (state) {
      case DRAFT -> Status.DRAFT;
      case RETRACTED -> Status.RETRACTED;
      case PUBLISHED -> publishedAt().isAfter(now) ? Status.SCHEDULED : Status.PUBLISHED;
    };
  }

  /** Whether the public may see it now: published and past its embargo. */
  public boolean isVisible(Instant now) {
    return status(now) == Status.PUBLISHED;
  }

  /**
   * Whether a retracted release had been public before its retraction. Only those answer
   * {@code 410 Gone}; a retracted draft stays unknown ({@code 404}) to the public.
   */
  public boolean wasPublicBeforeRetraction() {
    Instant publishedAt = publishAt() != null ? publishAt() : firstPublishedAt;
    return state == State.RETRACTED
        && firstPublishedAt != null
        && publishedAt != null
        && !publishedAt.isAfter(updatedAt);
  }

  /** The strong entity tag of this version; the same on every route that shows it. */
  public String etag() {
    return ReleaseHead.etagOf(version);
  }

  /** This version's head: what a conditional public read decides on. */
  public ReleaseHead head() {
    return new ReleaseHead(id, version, state == State.PUBLISHED ? publishedAt() : null, updatedAt);
  }

  /** Position in the public, newest-first order (only meaningful when published). */
  public SortKey publicSortKey() {
    return SortKey.of(publishedAt(), id);
  }

  /** Position in the editors' newest-first order: publication time, else creation time. */
  public SortKey editorSortKey() {
    Instant publishedAt = publishedAt();
    return SortKey.of(publishedAt != null ? publishedAt : createdAt, id);
  }
}
