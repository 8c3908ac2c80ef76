/**
 * What both storage adapters share: {@link dev.pressfeed.store.ReleaseDocument}, the one
 * stored form of a release and of an idempotency record. Adapters live in
 * {@code store.dynamodb} (AWS) and {@code store.embedded} (the local gateway); they depend on
 * {@code release} and nothing above it.
 */
package dev.pressfeed.store;
