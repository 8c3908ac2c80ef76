/**
 * The local gateway: a JDK HTTP server on loopback that plays API Gateway for a laptop. It
 * routes each request to the handler class {@code template.yaml} names for it, checks the
 * editor's bearer token as the JWT authorizer would, and turns request and response into the
 * same event JSON through the same serialisation library the Lambda runtime uses. Storage is
 * the embedded store under {@code ./data}, or DynamoDB when {@code DYNAMODB_ENDPOINT} is set.
 * Ships only in the local artifact, never in the Lambda package.
 */
package dev.pressfeed.local;
