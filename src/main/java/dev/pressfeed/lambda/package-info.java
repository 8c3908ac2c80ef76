/**
 * The Lambda handler classes that {@code template.yaml} names: each takes an API Gateway HTTP
 * API (payload 2.0) event, turns it into a transport-neutral {@code http.Request}, lets its
 * router answer and turns the {@code http.Response} back into an event response. Thin by
 * design; all rules live below, so the local gateway runs the same code. Each request runs
 * within its time budget ({@code store.Waits}), and what operators must see is written as one
 * JSON line ({@link dev.pressfeed.lambda.LogLine}) for Lambda's JSON log format.
 */
package dev.pressfeed.lambda;
