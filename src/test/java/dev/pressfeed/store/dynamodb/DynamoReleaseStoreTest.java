package dev.pressfeed.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.StoreUnavailableException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/** Throttling, which a test server never does, must reach callers as "try again later". */
class DynamoReleaseStoreTest {

  @Test
  void provisionedThroughputExceededMeansUnavailable() {
    DynamoReleaseStore store = storeFailingWith(() ->
        ProvisionedThroughputExceededException.builder().message("slow down").build());

    assertThatThrownBy(() -> store.find("2024-03-01-x"))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void requestLimitExceededMeansUnavailable() {
    DynamoReleaseStore store = storeFailingWith(() ->
        RequestLimitExceededException.builder().message("account limit").build());

    assertThatThrownBy(() -> store.published(ReleaseFilter.NONE, Optional.empty(), 20,
        Instant.EPOCH)).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void throttlingErrorCodeMeansUnavailable() {
    DynamoReleaseStore store = storeFailingWith(() -> DynamoDbException.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build())
        .message("rate exceeded").build());

    assertThatThrownBy(() -> store.feedState())
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void otherServiceErrorsAreNotDisguisedAsThrottling() {
    DynamoReleaseStore store = storeFailingWith(() -> DynamoDbException.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build())
        .message("bad request").build());

    assertThatThrownBy(() -> store.find("2024-03-01-x"))
        .isInstanceOf(DynamoDbException.class)
        .isNotInstanceOf(StoreUnavailableException.class);
  }

  private static DynamoReleaseStore storeFailingWith(Supplier<RuntimeException> failure) {
    DynamoDbClient client = new DynamoDbClient() {
      @Override
      public GetItemResponse getItem(GetItemRequest request) {
        throw failure.get();
      }

      @Override
      public QueryResponse query(QueryRequest request) {
        throw failure.get();
      }

      @Override
      public String serviceName() {
        return "dynamodb";
      }

      @Override
      public void close() {}
    };
    return new DynamoReleaseStore(client, "releases");
  }
}
