package dev.pressfeed.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * How the fuzzer reads answers: problem documents, feeds (a strict XML parser and Rome for RSS
 * and Atom, Jackson for JSON Feed), and bodies scanned for what must never reach a client.
 * Each returns {@code null} when the answer is right and a short reason when it is not.
 */
final class Readers {

  static final ObjectMapper JSON = new ObjectMapper();
  /**
   * A stack frame, or a qualified class name of the JDK, the project or a library it uses.
   * Word edges are look-arounds, not {@code \b}: the JDK's {@code \b} before a combining mark
   * looks back over every mark before it, so an answer echoing 100 000 U+0301 took minutes.
   */
  private static final String START = "(?<![\\p{L}\\p{Nd}_])";
  private static final String END = "(?![\\p{L}\\p{Nd}_])";
  private static final Pattern INTERNALS = Pattern.compile(
      START + "at [\\w$.]+\\([\\w$]*\\.java:\\d+\\)|" + START + "(?:java|javax|jdk|sun|com\\.fasterxml|software\\.amazon|"
          + "org\\.(?:sqlite|jdom2?|commonmark|jsoup|xerial|slf4j)|com\\.rometools|com\\.amazonaws|dev\\.pressfeed)"
          + "\\.[a-z][\\w$]*\\.|" + START + "[A-Z]\\w*(?:Exception|Error)" + END + "|SQLITE_|" + START + "NullPointer|\\.java:\\d");
  /** The JDK's SAX parser, namespace-aware, no DTDs: strict well-formedness without building a tree. */
  private static final ThreadLocal<SAXParser> XML = ThreadLocal.withInitial(() -> {
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newSAXParser();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  });

  private Readers() {}

  static String internals(byte[] body) {
    var m = INTERNALS.matcher(new String(body, StandardCharsets.UTF_8));
    return m.find() ? "internal name in the body: " + m.group() : null;
  }

  /** RFC 9457: type, title, status (the HTTP status) and detail. */
  static String problem(Answer answer) {
    String type = answer.header("content-type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/problem+json")) {
      return "a " + answer.status() + " that is not application/problem+json: " + type;
    }
    try {
      JsonNode p = JSON.readTree(answer.body());
      if (p == null || !p.isObject()) {
        return "problem body is not an object";
      }
      if (!p.path("type").isTextual() || p.path("type").asText().isEmpty() || !p.path("title").isTextual()
          || !p.path("detail").isTextual()) {
        return "problem without type/title/detail strings";
      }
      if (!p.path("status").isInt() || p.path("status").asInt() != answer.status()) {
        return "problem status " + p.path("status") + " is not the HTTP status " + answer.status();
      }
      return null;
    } catch (Exception e) {
      return "problem body is not JSON: " + e.getMessage();
    }
  }

  static String xmlFeed(Answer answer, String rootLocalName) {
    if (answer.status() != 200) {
      return "feed answered " + answer.status();
    }
    String[] root = new String[1];
    try {
      XML.get().parse(new ByteArrayInputStream(answer.body()), new DefaultHandler() {
        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
          if (root[0] == null) {
            root[0] = localName;
          }
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }
      });
    } catch (Exception e) {
      return "not well-formed XML: " + e.getMessage();
    } finally {
      XML.get().reset();
    }
    if (!rootLocalName.equals(root[0])) {
      return "root element is " + root[0];
    }
    try {
      SyndFeedInput input = new SyndFeedInput();
      SyndFeed feed = input.build(new InputStreamReader(new ByteArrayInputStream(answer.body()), StandardCharsets.UTF_8));
      if (feed.getTitle() == null) {
        return "Rome reads no feed title";
      }
    } catch (Exception e) {
      return "Rome cannot read it: " + e.getMessage();
    }
    return null;
  }

  static String jsonFeed(Answer answer) {
    if (answer.status() != 200) {
      return "feed answered " + answer.status();
    }
    try {
      JsonNode feed = JSON.readTree(answer.body());
      if (!feed.path("version").asText().startsWith("https://jsonfeed.org/version/1") || !feed.path("items").isArray()) {
        return "not a JSON Feed 1.x document";
      }
      return null;
    } catch (Exception e) {
      return "JSON Feed is not JSON: " + e.getMessage();
    }
  }

  static String feed(String path, Answer answer) {
    if (path.startsWith("/feed.rss")) {
      return xmlFeed(answer, "rss");
    }
    if (path.startsWith("/feed.atom")) {
      return xmlFeed(answer, "feed");
    }
    return jsonFeed(answer);
  }
}
