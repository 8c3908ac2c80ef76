/**
 * What both storage adapters share: {@link dev.pressfeed.store.ReleaseDocument}, the one
 * stored form of a release (with the rendering composed when it was written, within a size
 * budget that keeps a DynamoDB item under its limit) and of an idempotency record, and
 * {@link dev.pressfeed.store.Waits}, how long a request may wait on either store, and
 * {@link dev.pressfeed.store.CachingReleaseStore}, a container's copy of the feed state and of
 * release heads in front of either, so that polls read DynamoDB once a second per container and
 * not once per poll. Adapters
 * live in {@code store.dynamodb} (AWS) and {@code store.embedded} (the local gateway); they
 * depend on {@code release} and nothing above it.
 */
package dev.pressfeed.store;
