package dev.pressfeed.store.dynamodb;

import dev.pressfeed.release.Deadline;
import dev.pressfeed.store.Waits;
import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * Cuts each DynamoDB call's timeouts to what is left of the request's {@link Deadline}, so a
 * request's calls together never wait longer than its budget, however many it makes. Done as
 * the request enters the SDK rather than at each call site: every call the store makes, now or
 * later, is cut alike. Once the budget is spent the call is not sent at all
 * ({@link dev.pressfeed.release.StoreUnavailableException}, a 503).
 */
final class DeadlineCut implements ExecutionInterceptor {

  private final Waits waits;

  DeadlineCut(Waits waits) {
    this.waits = waits;
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    if (Deadline.remaining().isEmpty() || !(request instanceof DynamoDbRequest dynamo)) {
      return request; // no request budget (start-up, priming): the client's own timeouts hold
    }
    Duration call = Deadline.cut(waits.call());
    Duration attempt = call.compareTo(waits.attempt()) < 0 ? call : waits.attempt();
    return dynamo.toBuilder()
        .overrideConfiguration(dynamo.overrideConfiguration()
            .map(AwsRequestOverrideConfiguration::toBuilder)
            .orElseGet(AwsRequestOverrideConfiguration::builder)
            .apiCallTimeout(call)
            .apiCallAttemptTimeout(attempt)
            .build())
        .build();
  }
}
