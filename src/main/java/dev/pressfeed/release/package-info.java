/**
 * The domain of a press office: a {@link dev.pressfeed.release.Release} and the
 * {@link dev.pressfeed.release.ReleaseInput} an editor sends, its
 * {@link dev.pressfeed.release.Status}, the rules that make an input valid
 * ({@link dev.pressfeed.release.ReleaseRules}), readable ids, embargo and retraction
 * ({@link dev.pressfeed.release.Newsroom}), a release set in HTML
 * ({@link dev.pressfeed.release.Rendering}, made by the {@link dev.pressfeed.release.Composer}
 * with {@link dev.pressfeed.release.Markup} when a release is written) and the
 * {@link dev.pressfeed.release.ReleaseStore} port that storage adapters implement, and the
 * {@link dev.pressfeed.release.Deadline} every wait on a store is cut to. It depends
 * on the JDK and the Markdown/sanitiser libraries only (and only {@code Composer} and
 * {@code Markup} touch those): no AWS, no HTTP, no JSON.
 */
package dev.pressfeed.release;
