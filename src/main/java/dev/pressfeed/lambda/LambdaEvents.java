package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pressfeed.http.Problem;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Translation between API Gateway HTTP API events (payload 2.0) and http requests/responses. */
public final class LambdaEvents {

  /** The group an editor's token must name, and the claim that names it (Cognito's). */
  public static final String EDITORS_GROUP = "editors";
  public static final String GROUPS_CLAIM = "cognito:groups";
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");

  private LambdaEvents() {}

  /**
   * The request the event describes. The editor is whoever the JWT authorizer vouched for
   * ({@code requestContext.authorizer.jwt.claims.sub}); without claims there is none.
   */
  public static Request toRequest(APIGatewayV2HTTPEvent event, Optional<String> publicBaseUrl) {
    if (event == null) {
      throw Problem.badRequest("The event is empty.").raise();
    }
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    Map<String, String> headers = new HashMap<>();
    if (event.getHeaders() != null) {
      event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    }
    String method = context != null && context.getHttp() != null ? context.getHttp().getMethod() : "GET";
    String path = event.getRawPath() != null ? event.getRawPath()
        : context != null && context.getHttp() != null ? context.getHttp().getPath() : "/";
    Map<String, String> query = event.getQueryStringParameters() == null
        ? Map.of() : event.getQueryStringParameters();
    return new Request(method.toUpperCase(Locale.ROOT), path, query, headers, body(event),
        editor(context), publicBaseUrl.orElseGet(() -> baseUrl(context, headers)));
  }

  /**
   * The response as API Gateway takes it: a text body as it is, a compressed one (any
   * {@code Content-Encoding}) in base64 with {@code isBase64Encoded}, which API Gateway decodes.
   */
  public static APIGatewayV2HTTPResponse toEvent(Response response) {
    APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
    out.setStatusCode(response.status());
    out.setHeaders(new HashMap<>(response.headers()));
    boolean encoded = response.headers().containsKey("Content-Encoding");
    out.setBody(encoded ? Base64.getEncoder().encodeToString(response.body()) : response.bodyText());
    out.setIsBase64Encoded(encoded);
    return out;
  }

  private static byte[] body(APIGatewayV2HTTPEvent event) {
    if (event.getBody() == null) {
      return new byte[0];
    }
    if (event.getIsBase64Encoded()) {
      try {
        return Base64.getMimeDecoder().decode(event.getBody());
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("The body is not valid base64.").raise();
      }
    }
    return event.getBody().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The editor the JWT authorizer vouched for: a subject in the {@value #EDITORS_GROUP} group.
   * API Gateway passes a list claim as one string, {@code "[editors admins]"}.
   */
  private static Optional<Request.Editor> editor(APIGatewayV2HTTPEvent.RequestContext context) {
    if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
        || context.getAuthorizer().getJwt().getClaims() == null) {
      return Optional.empty();
    }
    Map<String, String> claims = context.getAuthorizer().getJwt().getClaims();
    String subject = claims.get("sub");
    String groups = claims.getOrDefault(GROUPS_CLAIM, "");
    boolean editor = Arrays.asList(groups.replaceAll("[\\[\\]\"]", " ").strip().split("[\\s,]+"))
        .contains(EDITORS_GROUP);
    return subject == null || subject.isBlank() || !editor
        ? Optional.empty() : Optional.of(new Request.Editor(subject));
  }

  /** The scheme and host the client used, as API Gateway (or the local gateway) saw them. */
  private static String baseUrl(APIGatewayV2HTTPEvent.RequestContext context, Map<String, String> headers) {
    String host = context != null && context.getDomainName() != null ? context.getDomainName()
        : headers.getOrDefault("host", "localhost");
    if (!HOST.matcher(host).matches()) {
      host = "localhost";
    }
    String scheme = headers.getOrDefault("x-forwarded-proto", "https").toLowerCase(Locale.ROOT);
    return (scheme.equals("http") ? "http" : "https") + "://" + host;
  }
}
