package dev.pressfeed.audience;

import java.util.Optional;

/**
 * What a feed fetch's {@code User-Agent} says about its audience (SPEC §11): which aggregator
 * fetched, its own id for the feed when it names one, and how many of its users subscribe.
 *
 * <p>The agent is a client's choice, so it is read by hand, not by regular expression: only
 * its first {@value #MAX_AGENT} characters, each looked at a bounded number of times, so a
 * 10 000-character agent or one built to make a backtracking pattern explode costs the same
 * few microseconds as Feedly's. Nothing an agent holds makes {@link #parse} throw.
 *
 * @param reader      the aggregator: a known service's name, else the agent's first product
 *                    name (letters, digits, {@code . _ + -}, at most {@value #MAX_NAME})
 * @param feedId      the aggregator's id for the feed ({@code feed-id:}, {@code feed-id=},
 *                    NewsBlur's {@code /site/N}), or {@code ""} when it names none
 * @param subscribers 0 to {@value #MAX_SUBSCRIBERS}
 */
public record Report(String reader, String feedId, int subscribers) {

  /** The largest count believed (SPEC §11); Feedly's largest feeds report a few million. */
  public static final int MAX_SUBSCRIBERS = 10_000_000;
  /** How much of an agent is read: real reporting agents are under 200 characters. */
  public static final int MAX_AGENT = 512;
  public static final int MAX_NAME = 40;
  public static final int MAX_FEED_ID = 64;
  /** What an agent without a usable product name is called. */
  public static final String UNNAMED = "Unknown";

  /** Lower-case marks of the services SPEC §11 names, and the names they go by. */
  private static final String[][] KNOWN = {
      {"feedly", "Feedly"}, {"inoreader", "Inoreader"}, {"newsblur", "NewsBlur"},
      {"feedbin", "Feedbin"}, {"theoldreader", "The Old Reader"}};
  private static final String[] CLAUSES = {"subscriber", "reader"};
  /** Digits of {@value #MAX_SUBSCRIBERS}: a longer number is out of range however it reads. */
  private static final int MAX_DIGITS = 8;

  /**
   * The report in {@code agent}, if it holds one: at least one {@code N subscribers} or
   * {@code N readers} clause (either word, singular or plural, any case), every such clause a
   * whole number from 0 to {@value #MAX_SUBSCRIBERS} written in ASCII digits on its own (not
   * {@code -5}, {@code 1.5}, {@code 1e9}, {@code 10 000}), and all of them the same number.
   * An agent with a clause that breaks any of this reports nothing: better no count than a
   * wrong one.
   */
  public static Optional<Report> parse(String agent) {
    if (agent == null || agent.isEmpty()) {
      return Optional.empty();
    }
    String head = agent.length() > MAX_AGENT ? agent.substring(0, MAX_AGENT) : agent;
    String lower = asciiLowerCase(head);
    long count = count(lower);
    if (count < 0) {
      return Optional.empty();
    }
    String reader = reader(head, lower);
    return Optional.of(new Report(reader, feedId(head, lower, reader), (int) count));
  }

  /** The one count every clause gives; -1 for none, a bad one, or clauses that disagree. */
  private static long count(String lower) {
    long found = -1;
    int n = lower.length();
    int i = 0;
    while (i < n) {
      if (!isDigit(lower.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isDigit(lower.charAt(i))) {
        i++;
      }
      int word = clauseAfter(lower, i);
      if (word < 0) {
        continue;
      }
      int digits = i - start;
      if (!standsAlone(lower, start) || digits > MAX_DIGITS) {
        return -1;
      }
      long value = Long.parseLong(lower, start, i, 10);
      if (value > MAX_SUBSCRIBERS || (found >= 0 && found != value)) {
        return -1;
      }
      found = value;
      i = word;
    }
    return found;
  }

  /**
   * Where the clause word after a number ends ({@code " subscribers"}, {@code " reader"}), or
   * -1 when none follows: one to three spaces, the word, an optional {@code s}, then no letter.
   */
  private static int clauseAfter(String lower, int at) {
    int n = lower.length();
    int i = at;
    while (i < n && i - at < 3 && lower.charAt(i) == ' ') {
      i++;
    }
    if (i == at) {
      return -1;
    }
    for (String clause : CLAUSES) {
      if (lower.startsWith(clause, i)) {
        int end = i + clause.length();
        if (end < n && lower.charAt(end) == 's') {
          end++;
        }
        if (end == n || !isLetter(lower.charAt(end))) {
          return end;
        }
      }
    }
    return -1;
  }

  /**
   * A number on its own: at the start, or after a space, tab, {@code (}, {@code ;} or
   * {@code [}, and not the second group of a number written with spaces ({@code 10 000}). So a
   * sign, a decimal point, an exponent or a thousands separator before it makes it no count.
   */
  private static boolean standsAlone(String lower, int start) {
    if (start == 0) {
      return true;
    }
    char before = lower.charAt(start - 1);
    if (before == ' ' || before == '\t') {
      return start < 2 || !isDigit(lower.charAt(start - 2));
    }
    return before == '(' || before == ';' || before == '[';
  }

  private static String reader(String head, String lower) {
    for (String[] known : KNOWN) {
      if (lower.contains(known[0])) {
        return known[1];
      }
    }
    String name = productName(head, 0);
    // "Mozilla/5.0 (compatible; Name/1.0; …)": every such bot would otherwise be "Mozilla",
    // and their counts of one feed would overwrite each other. The name they give is theirs.
    int compatible = lower.indexOf("(compatible;");
    if (name.equals("Mozilla") && compatible >= 0) {
      String inner = productName(head, compatible + "(compatible;".length());
      if (!inner.equals(UNNAMED) && !isDigit(inner.charAt(0))) {
        return inner;
      }
    }
    return name;
  }

  /**
   * The product name starting at {@code from} (after spaces): up to {@code /}, a space,
   * {@code (}, {@code ;} or {@code )}, keeping only letters, digits and {@code . _ + -}.
   */
  private static String productName(String head, int from) {
    StringBuilder name = new StringBuilder();
    int i = from;
    while (i < head.length() && head.charAt(i) == ' ') {
      i++;
    }
    for (; i < head.length() && name.length() < MAX_NAME; i++) {
      char c = head.charAt(i);
      if (c == '/' || c == ' ' || c == '(' || c == ';' || c == ')') {
        break;
      }
      if (isLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '+' || c == '-') {
        name.append(c);
      }
    }
    return name.length() == 0 ? UNNAMED : name.toString();
  }

  /**
   * {@code feed-id:1234} (Feedbin), {@code feed-id=…} (The Old Reader), or for NewsBlur the
   * number in its {@code /site/1234/…} link, which is its feed id. An id with other characters
   * than letters, digits and {@code . _ -}, or longer than {@value #MAX_FEED_ID}, is no id.
   */
  private static String feedId(String head, String lower, String reader) {
    int at = lower.indexOf("feed-id");
    if (at >= 0 && at + 7 < lower.length() && (lower.charAt(at + 7) == ':' || lower.charAt(at + 7) == '=')) {
      return idAt(head, at + 8, false);
    }
    int site = lower.indexOf("/site/");
    if (reader.equals("NewsBlur") && site >= 0) {
      return idAt(head, site + 6, true);
    }
    return "";
  }

  private static String idAt(String head, int from, boolean digitsOnly) {
    int i = from;
    while (i < head.length() && i - from <= MAX_FEED_ID) {
      char c = head.charAt(i);
      boolean part = digitsOnly ? isDigit(c) : isLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '-';
      if (!part) {
        break;
      }
      i++;
    }
    int length = i - from;
    return length == 0 || length > MAX_FEED_ID ? "" : head.substring(from, i);
  }

  /** Lower case for ASCII letters only: same length, so indexes into it index the original. */
  private static String asciiLowerCase(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  /** ASCII only: a count in Arabic-Indic or full-width digits is no count. */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
