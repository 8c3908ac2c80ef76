package dev.pressfeed.page;

import dev.pressfeed.Config;
import java.time.ZoneId;

/**
 * What every page says about the newsroom itself, from configuration.
 *
 * @param name        the newsroom's name (FEED_TITLE), also the publisher in JSON-LD
 * @param description one line under the name (FEED_DESCRIPTION)
 * @param language    the newsroom's own language (FEED_LANGUAGE), for the index page
 * @param zone        where the dates pages show are told (TIME_ZONE)
 * @param pageSize    releases per index page (FEED_SIZE)
 * @param maxAge      Cache-Control max-age (FEED_MAX_AGE)
 */
public record Site(String name, String description, String language, ZoneId zone, int pageSize,
    int maxAge) {

  public static Site of(Config config) {
    return new Site(config.feedTitle(), config.feedDescription(), config.feedLanguage(),
        ZoneId.of(config.timeZone()), config.feedSize(), config.feedMaxAge());
  }
}
