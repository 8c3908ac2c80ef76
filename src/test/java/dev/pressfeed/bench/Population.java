package dev.pressfeed.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Who polls a press office's feeds, and how often: the mix the load model plays and the cost
 * projection multiplies. Every number here is either from a source named beside it (the URLs are
 * in docs/benchmarks.md, "Issue 14: the load model") or marked as an assumption.
 *
 * <p>Two kinds of subscriber. One behind an aggregator (Feedly, Inoreader, NewsBlur, Feedbin, The
 * Old Reader) costs no poll of its own: the service fetches each feed URL once per interval for
 * all its users and reports how many they are in the {@code User-Agent}. A direct reader (a
 * desktop or phone app, a newsroom script) polls for itself, with validators or without.
 */
final class Population {

  /** Assumption: the share of subscribers who read through an aggregator rather than an app of their own. */
  static final double AGGREGATED = 0.55;

  /**
   * The aggregators, their share of aggregated subscribers (assumption: Feedly the largest), their
   * interval for a feed that changes several times a day, and the agent they send (SPEC §11).
   */
  record Aggregator(String name, double share, int minutes, String agentFormat) {}

  static final List<Aggregator> AGGREGATORS = List.of(
      // Feedly: "shouldn't retrieve feeds ... more than once every hour on average. Some
      // frequently updated sites may be refreshed more often": 30 min for a busy press feed.
      new Aggregator("Feedly", 0.45, 30, "Feedly/1.0 (+http://www.feedly.com/fetcher.html; %d subscribers; )"),
      // Inoreader: "a feed shouldn't be polled more frequently than 30 minutes, and most feeds are
      // updated only once an hour".
      new Aggregator("Inoreader", 0.25, 30, "Mozilla/5.0 (compatible; inoreader.com; %d subscribers)"),
      // NewsBlur, Feedbin, The Old Reader: no published interval found; assumed 15, 30 and 60 min.
      new Aggregator("NewsBlur", 0.10, 15,
          "NewsBlur Feed Fetcher - %d subscribers - https://www.newsblur.com/site/1234/pressfeed (Mozilla/5.0)"),
      new Aggregator("Feedbin", 0.10, 30, "Feedbin feed-id:1234 - %d subscribers"),
      new Aggregator("The Old Reader", 0.10, 60,
          "Mozilla/5.0 (compatible; theoldreader.com; %d subscribers; feed-id=5d0e)"));

  /**
   * Direct readers: the share with validators (Rachel by the Bay: conditional requests are sent by
   * "most of them by far"; Siebenmann's logs: 66% of answered feed fetches were 304s) and their
   * intervals (Rachel by the Bay asks at most hourly with validators, daily without; apps default
   * to 15–60 min). Each row: share of direct readers, interval, validators, what they send.
   */
  record DirectKind(String name, double share, int minutes, boolean validators, String agent) {}

  static final List<DirectKind> DIRECT = List.of(
      new DirectKind("app, hourly, validators", 0.50, 60, true, "NetNewsWire (RSS Reader; https://netnewswire.com/)"),
      new DirectKind("app, 30 min, validators", 0.20, 30, true, "Thunderbird/128.0"),
      new DirectKind("app, 15 min, validators", 0.15, 15, true, "newsboat/2.36"),
      new DirectKind("script, hourly, no validators", 0.075, 60, false, "python-requests/2.31"),
      new DirectKind("script, 15 min, no validators", 0.075, 15, false, "curl/8.5.0"));

  /**
   * What a subscription points at (assumption: RSS most common; a press office's readers follow
   * topics and languages). The same shares apply to aggregated and direct subscribers.
   */
  static final Map<String, Double> FORMATS = Map.of("/feed.rss", 0.55, "/feed.atom", 0.30, "/feed.json", 0.15);

  static final Map<String, Double> FILTERS = filters();

  /**
   * Assumption: besides feeds, 2% of direct pollers are partner integrations polling
   * {@code GET /releases} every 5 min with validators, and 2% watch one release page
   * ({@code /news/{id}}, link checkers and change monitors) every 30 min.
   */
  static final double API_SHARE = 0.02;
  static final int API_MINUTES = 5;
  static final double PAGE_SHARE = 0.02;
  static final int PAGE_MINUTES = 30;

  /** Assumption: readers that send {@code Accept-Encoding: gzip} (aggregators always do). */
  static final double GZIP = 0.9;

  private static Map<String, Double> filters() {
    Map<String, Double> filters = new LinkedHashMap<>();
    filters.put("", 0.75);
    filters.put("?tag=" + encode("Mittelstand"), 0.06);
    filters.put("?tag=" + encode("Förderung"), 0.05);
    filters.put("?tag=" + encode("Cloud"), 0.04);
    filters.put("?lang=de", 0.06);
    filters.put("?lang=en", 0.04);
    return filters;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Every feed URL of the mix with its share of subscriptions. */
  static Map<String, Double> feedShares() {
    Map<String, Double> shares = new LinkedHashMap<>();
    FORMATS.forEach((format, f) -> FILTERS.forEach((filter, g) -> shares.put(format + filter, f * g)));
    return shares;
  }

  /** One poller: what it asks for, how often (in the population's own time), and what it remembers. */
  static final class Poller {
    final String kind;
    final String path;
    final String agent;
    final double intervalSeconds;
    final boolean validators;
    final boolean gzip;
    double due;
    String etag;
    String lastModified;

    Poller(String kind, String path, String agent, double intervalSeconds, boolean validators, boolean gzip) {
      this.kind = kind;
      this.path = path;
      this.agent = agent;
      this.intervalSeconds = intervalSeconds;
      this.validators = validators;
      this.gzip = gzip;
    }
  }

  /**
   * The pollers of {@code subscribers} subscribers: one per aggregator and feed URL with at least
   * one subscriber there, one per direct reader. {@code pages} are the release ids page watchers
   * pick from. Each starts at a random point of its interval, as a population long subscribed.
   */
  static List<Poller> of(int subscribers, List<String> pages, Random random) {
    List<Poller> pollers = new ArrayList<>();
    Map<String, Double> feeds = feedShares();
    for (Aggregator aggregator : AGGREGATORS) {
      double theirs = subscribers * AGGREGATED * aggregator.share();
      feeds.forEach((path, share) -> {
        int count = (int) Math.round(theirs * share);
        if (count > 0) {
          pollers.add(new Poller(aggregator.name(), path, String.format(aggregator.agentFormat(), count),
              aggregator.minutes() * 60.0, true, true));
        }
      });
    }
    int direct = (int) Math.round(subscribers * (1 - AGGREGATED));
    for (int i = 0; i < direct; i++) {
      double pick = random.nextDouble();
      if (pick < API_SHARE) {
        pollers.add(new Poller("partner API", "/releases", "PartnerSync/2.1", API_MINUTES * 60.0, true, true));
        continue;
      }
      if (pick < API_SHARE + PAGE_SHARE) {
        pollers.add(new Poller("page watcher", "/news/" + pages.get(random.nextInt(pages.size())),
            "changedetection.io/0.47", PAGE_MINUTES * 60.0, true, random.nextDouble() < GZIP));
        continue;
      }
      DirectKind kind = pickDirect(random.nextDouble());
      pollers.add(new Poller(kind.name(), pick(feeds, random.nextDouble()), kind.agent(), kind.minutes() * 60.0,
          kind.validators(), random.nextDouble() < GZIP));
    }
    for (Poller poller : pollers) {
      poller.due = random.nextDouble() * poller.intervalSeconds;
    }
    return pollers;
  }

  private static DirectKind pickDirect(double x) {
    double sum = 0;
    for (DirectKind kind : DIRECT) {
      sum += kind.share();
      if (x < sum) {
        return kind;
      }
    }
    return DIRECT.get(DIRECT.size() - 1);
  }

  private static String pick(Map<String, Double> shares, double x) {
    double sum = 0;
    String last = null;
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      sum += e.getValue();
      last = e.getKey();
      if (x < sum) {
        return last;
      }
    }
    return last;
  }

  /**
   * The expected polls a month of {@code subscribers}, by URL ({@code /news/{id}} pages as one
   * key per watched release, spread over {@code watchedPages}): the projection's edge traffic.
   */
  static Map<String, Double> pollsPerMonth(int subscribers, int watchedPages) {
    double month = 30.4 * 24 * 3600;
    Map<String, Double> polls = new LinkedHashMap<>();
    Map<String, Double> feeds = feedShares();
    for (Aggregator aggregator : AGGREGATORS) {
      double theirs = subscribers * AGGREGATED * aggregator.share();
      feeds.forEach((path, share) -> {
        if (Math.round(theirs * share) > 0) {
          polls.merge(path, month / (aggregator.minutes() * 60.0), Double::sum);
        }
      });
    }
    double direct = subscribers * (1 - AGGREGATED);
    polls.merge("/releases", direct * API_SHARE * month / (API_MINUTES * 60.0), Double::sum);
    for (int i = 0; i < watchedPages; i++) {
      polls.merge("/news/{id" + i + "}", direct * PAGE_SHARE / watchedPages * month / (PAGE_MINUTES * 60.0),
          Double::sum);
    }
    double readers = direct * (1 - API_SHARE - PAGE_SHARE);
    for (DirectKind kind : DIRECT) {
      feeds.forEach((path, share) -> polls.merge(path,
          readers * kind.share() * share * month / (kind.minutes() * 60.0), Double::sum));
    }
    return polls;
  }

  /**
   * The share of a month's polls answered 304 at the edge when the feeds change {@code perDay}
   * times a day: a poller with validators gets a 200 only when something changed since its last
   * poll (probability 1 − e^(−rate × interval)); one without always gets a 200.
   */
  static double notModifiedShare(int subscribers, double perDay) {
    double rate = perDay / 86_400.0;
    double polls = 0;
    double notModified = 0;
    double month = 30.4 * 24 * 3600;
    Map<String, Double> feeds = feedShares();
    for (Aggregator aggregator : AGGREGATORS) {
      double theirs = subscribers * AGGREGATED * aggregator.share();
      long urls = feeds.values().stream().filter(s -> Math.round(theirs * s) > 0).count();
      double n = urls * month / (aggregator.minutes() * 60.0);
      polls += n;
      notModified += n * Math.exp(-rate * aggregator.minutes() * 60.0);
    }
    double direct = subscribers * (1 - AGGREGATED);
    double api = direct * API_SHARE * month / (API_MINUTES * 60.0);
    double pages = direct * PAGE_SHARE * month / (PAGE_MINUTES * 60.0);
    polls += api + pages;
    notModified += api * Math.exp(-rate * API_MINUTES * 60.0) + pages; // a release page rarely changes
    double readers = direct * (1 - API_SHARE - PAGE_SHARE);
    for (DirectKind kind : DIRECT) {
      double n = readers * kind.share() * month / (kind.minutes() * 60.0);
      polls += n;
      if (kind.validators()) {
        notModified += n * Math.exp(-rate * kind.minutes() * 60.0);
      }
    }
    return notModified / polls;
  }
}
