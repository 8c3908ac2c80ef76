package dev.pressfeed.release;

import java.util.List;

/**
 * Told by the {@link Newsroom} before a write that changes what a public feed shows (SPEC §10):
 * a release becoming visible, an edit of a visible one, a retraction of a public one. Never for
 * a draft, an edit of one, or a scheduled release before its time.
 */
@FunctionalInterface
public interface FeedChanges {

  /** Nobody listens: no WebSub hub is configured. */
  FeedChanges NONE = releases -> () -> {};

  /**
   * The feeds showing any of {@code releases} are about to change: the version the public saw
   * before the write and the one it will see after, whichever are visible. Called before the
   * write, so a crash between the two leaves a notice for a change that did not happen, never a
   * change without one; a notice must be kept durably before this returns.
   *
   * @return what to run once the write is stored: a notice is held back until then (or until
   *     no write can still land), so that nobody told of a change fetches the feed without it
   */
  Runnable coming(List<Release> releases);
}
