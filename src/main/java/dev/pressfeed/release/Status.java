package dev.pressfeed.release;

/** The status a reader of the API sees. {@code SCHEDULED} is a published release under embargo. */
public enum Status {
  DRAFT("draft"),
  SCHEDULED("scheduled"),
  PUBLISHED("published"),
  RETRACTED("retracted");

  private final String wireName;

  Status(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
