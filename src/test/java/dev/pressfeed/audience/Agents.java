package dev.pressfeed.audience;

/** The five real aggregator agents SPEC §11 quotes, as the tests and the kit send them. */
public final class Agents {

  public static final String FEEDLY = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 16 subscribers; )";
  public static final String INOREADER = "Mozilla/5.0 (compatible; inoreader.com; 42 subscribers)";
  public static final String NEWSBLUR =
      "NewsBlur Feed Fetcher - 5 subscribers - https://www.newsblur.com/site/1234/example (…)";
  public static final String FEEDBIN = "Feedbin feed-id:1234 - 7 subscribers";
  public static final String OLD_READER = "Mozilla/5.0 (compatible; theoldreader.com; 3 subscribers; feed-id=…)";

  private Agents() {}
}
