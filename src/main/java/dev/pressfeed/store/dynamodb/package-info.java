/**
 * The DynamoDB adapter of the {@link dev.pressfeed.release.ReleaseStore} port:
 * {@link dev.pressfeed.store.dynamodb.ReleaseTable} is the one definition of keys, indexes and
 * item shapes (the SAM template must match it), {@link dev.pressfeed.store.dynamodb.DynamoReleaseStore}
 * maps releases to single-item conditional writes (beside them, batches of idempotent filter-index
 * entries) and index queries (never a scan, never a transaction), and
 * {@link dev.pressfeed.store.dynamodb.DynamoClients} builds the client once per container, every
 * wait bounded ({@link dev.pressfeed.store.dynamodb.DeadlineCut} cuts each call to the request's
 * deadline). It depends on {@code release}, {@code store} (the shared document form) and the
 * AWS SDK's DynamoDB module with the URL-connection HTTP client; nothing here reads the
 * environment or knows about HTTP, feeds or Lambda.
 */
package dev.pressfeed.store.dynamodb;
