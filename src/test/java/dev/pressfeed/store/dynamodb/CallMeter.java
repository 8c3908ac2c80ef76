package dev.pressfeed.store.dynamodb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Counts what a DynamoDB client does: each call's operation, the items it returned and the
 * bytes of its response, as an SDK execution interceptor sees them.
 */
public final class CallMeter implements ExecutionInterceptor {

  /**
   * One call: {@code Query}, 20 items, 14 312 bytes. {@code failed}: DynamoDB answered with an
   * error (a conditional write that lost, say), which is billed and round-trips all the same.
   */
  public record Call(String operation, int items, long bytes, boolean failed) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    SdkResponse response = context.response();
    long bytes = context.httpResponse().firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(-1L);
    calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), items(response), bytes, false));
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    long bytes = context.httpResponse()
        .flatMap(r -> r.firstMatchingHeader("Content-Length")).map(Long::parseLong).orElse(-1L);
    calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 0, bytes, true));
  }

  private static int items(SdkResponse response) {
    if (response instanceof QueryResponse q) {
      return q.count();
    }
    if (response instanceof ScanResponse s) {
      return s.count();
    }
    if (response instanceof GetItemResponse g) {
      return g.hasItem() && !g.item().isEmpty() ? 1 : 0;
    }
    if (response instanceof BatchGetItemResponse b) {
      return b.responses().values().stream().mapToInt(List::size).sum();
    }
    return 0;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public void reset() {
    calls.clear();
  }
}
