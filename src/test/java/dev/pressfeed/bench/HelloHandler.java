package dev.pressfeed.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The floor of the cold/warm benchmark: the least an HTTP API function on the Java runtime can
 * do, with the same event types (and so the same event serialisation) as Pressfeed's handlers.
 * {@link LambdaStartBenchmark} packs this class alone into a jar; nothing of Pressfeed is on its
 * class path.
 */
public final class HelloHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(200)
        .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8"))
        .withBody("hello")
        .build();
  }
}
