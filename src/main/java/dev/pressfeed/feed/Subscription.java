package dev.pressfeed.feed;

import java.util.Set;
import java.util.StringJoiner;

/**
 * The address a reader subscribes to: the feed's URL with its filters ({@code tag}, {@code lang})
 * but without paging. Every page of one feed shares it, so it serves as the Atom feed {@code id}
 * and the JSON Feed {@code feed_url}, which both must stay the same across pages and requests.
 *
 * <p>Only the filters are kept (a whitelist, not a list of paging parameters to drop), so a
 * new paging or caching parameter can never leak into a feed's identity.
 */
final class Subscription {

  private static final Set<String> FILTERS = Set.of("tag", "lang");

  private Subscription() {}

  static String url(String selfUrl) {
    int query = selfUrl.indexOf('?');
    if (query < 0) {
      return selfUrl;
    }
    int fragment = selfUrl.indexOf('#', query);
    String params = selfUrl.substring(query + 1, fragment < 0 ? selfUrl.length() : fragment);
    StringJoiner kept = new StringJoiner("&");
    for (String param : params.split("&")) {
      int equals = param.indexOf('=');
      if (FILTERS.contains(equals < 0 ? param : param.substring(0, equals))) {
        kept.add(param);
      }
    }
    String base = selfUrl.substring(0, query);
    return kept.length() == 0 ? base : base + "?" + kept;
  }
}
