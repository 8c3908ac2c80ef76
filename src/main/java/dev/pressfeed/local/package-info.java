/**
 * The local gateway: a Jetty (core, no servlets) server on loopback that plays API Gateway for
 * a laptop. It routes each request to the handler class {@code template.yaml} names for it,
 * checks the editor's bearer token as the JWT authorizer would, and turns request and response
 * into the same event JSON the Lambda runtime passes. Slow clients cost a connection, not a
 * thread (bodies are read asynchronously, with request and idle time limits); every refusal,
 * Jetty's own included, is a problem+json answer; links come from the address it listens on.
 * Storage is the embedded store in {@code PRESSFEED_DATA_DIR}, or DynamoDB when
 * {@code DYNAMODB_ENDPOINT} is set. Ships only in the local artifact, never in the Lambda package.
 */
package dev.pressfeed.local;
