package dev.pressfeed.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * A feed page as three independent readers see it: the JDK's XML parser (namespace-aware,
 * secure processing, no DOCTYPE) and Rome for RSS and Atom, Jackson for JSON Feed. Beyond being
 * well-formed, every text and attribute value a page carries, and every character reference in
 * the HTML it carries, must be a character a release may hold ({@link Characters}): the input
 * rules refuse the others and the composer replaces them.
 */
final class FeedCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  /** A numeric character reference in HTML (the XML layer already decoded its own). */
  private static final Pattern REFERENCE = Pattern.compile("&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));");

  private FeedCheck() {}

  /** Checks one page; its next link, if it has one. */
  static Optional<String> wellFormed(String path, String body, String where) {
    if (path.endsWith(".json")) {
      return jsonFeed(body, where);
    }
    Element root = parse(body, where);
    rome(body, where);
    allowedEverywhere(root, where);
    Optional<String> next = Optional.empty();
    Element links = path.endsWith(".rss") ? first(root, null, "channel", where) : root;
    for (Node n = links.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && "link".equals(e.getLocalName()) && ATOM.equals(e.getNamespaceURI())
          && "next".equals(e.getAttribute("rel"))) {
        next = Optional.of(e.getAttribute("href"));
      }
    }
    // The HTML an entry carries: content:encoded and description in RSS, content in Atom.
    if (path.endsWith(".rss")) {
      forEach(root, CONTENT, "encoded", html -> noRefusedReference(html.getTextContent(), where));
      forEach(root, null, "description", html -> noRefusedReference(html.getTextContent(), where));
    } else {
      forEach(root, ATOM, "content", html -> noRefusedReference(html.getTextContent(), where));
    }
    return next;
  }

  /** The decoded query of a next link, which must lead to the same feed on the same host. */
  static Map<String, String> queryOf(String href, String expectedStart, String where) {
    String[] parts = href.split("\\?", 2);
    if (!parts[0].equals(expectedStart) || parts.length < 2) {
      throw new AssertionError(where + ": the next link " + href + " leaves " + expectedStart);
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : parts[1].split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return query;
  }

  /** One strict parser per thread (building one is a service lookup; a page is read often). */
  private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(() -> {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder;
    } catch (Exception e) {
      throw new IllegalStateException("the JDK's XML parser cannot be set up strictly", e);
    }
  });

  private static Element parse(String text, String where) {
    try {
      DocumentBuilder builder = PARSER.get();
      builder.reset();
      builder.setErrorHandler(null);
      Document document = builder.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      return document.getDocumentElement();
    } catch (Exception e) {
      throw new AssertionError(where + " is not well-formed XML: " + e.getMessage(), e);
    }
  }

  private static void rome(String text, String where) {
    try {
      SyndFeedInput input = new SyndFeedInput();
      // Rome's healer would mend some broken XML before parsing: a reader may have none.
      input.setXmlHealerOn(false);
      SyndFeed feed = input.build(new StringReader(text));
      if (feed.getTitle() == null) {
        throw new AssertionError(where + ": Rome read no feed title");
      }
    } catch (Exception e) {
      throw new AssertionError(where + " is not a feed Rome can read: " + e.getMessage(), e);
    }
  }

  private static Optional<String> jsonFeed(String text, String where) {
    JsonNode feed;
    try {
      feed = JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(where + " is not JSON: " + e.getMessage(), e);
    }
    if (!"https://jsonfeed.org/version/1.1".equals(feed.path("version").asText())
        || !feed.path("items").isArray()) {
      throw new AssertionError(where + " is not a JSON Feed 1.1: " + text);
    }
    allowedEverywhere(feed, where);
    feed.path("items").forEach(item -> noRefusedReference(item.path("content_html").asText(), where));
    return feed.hasNonNull("next_url") ? Optional.of(feed.get("next_url").asText()) : Optional.empty();
  }

  /** A release as the API answers with it: every string in it, HTML included, allowed. */
  static void releaseJson(String text, String where) {
    try {
      JsonNode release = JSON.readTree(text);
      allowedEverywhere(release, where);
      noRefusedReference(release.path("bodyHtml").asText(), where);
      noRefusedReference(release.path("aboutHtml").asText(), where);
    } catch (java.io.IOException e) {
      throw new AssertionError(where + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static void allowedEverywhere(Node node, String where) {
    if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
      allowed(node.getNodeValue(), where);
    }
    NamedNodeMap attributes = node.getAttributes();
    if (attributes != null) {
      for (int i = 0; i < attributes.getLength(); i++) {
        allowed(((Attr) attributes.item(i)).getValue(), where);
      }
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      allowedEverywhere(child, where);
    }
  }

  private static void allowedEverywhere(JsonNode node, String where) {
    if (node.isTextual()) {
      allowed(node.asText(), where);
    }
    node.properties().forEach(field -> {
      allowed(field.getKey(), where);
      allowedEverywhere(field.getValue(), where);
    });
    if (node.isArray()) {
      node.forEach(element -> allowedEverywhere(element, where));
    }
  }

  private static void allowed(String text, String where) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (!Characters.allowed(c)) {
        throw new AssertionError(where + " carries U+" + Integer.toHexString(c).toUpperCase()
            + " in \"" + text + "\"");
      }
      i += Character.charCount(c);
    }
  }

  private static void noRefusedReference(String html, String where) {
    Matcher m = REFERENCE.matcher(html);
    while (m.find()) {
      long codePoint = m.group(1) != null ? Long.parseLong(m.group(1), 16) : Long.parseLong(m.group(2));
      if (codePoint > Character.MAX_CODE_POINT || !Characters.allowed((int) codePoint)) {
        throw new AssertionError(where + " carries HTML that refers to a refused character: " + m.group());
      }
    }
  }

  private static Element first(Element parent, String namespace, String name, String where) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName())
          && (namespace == null ? e.getNamespaceURI() == null : namespace.equals(e.getNamespaceURI()))) {
        return e;
      }
    }
    throw new AssertionError(where + ": no <" + name + "> in <" + parent.getTagName() + ">");
  }

  private static void forEach(Element root, String namespace, String name,
      java.util.function.Consumer<Element> action) {
    var found = root.getElementsByTagNameNS(namespace, name);
    for (int i = 0; i < found.getLength(); i++) {
      action.accept((Element) found.item(i));
    }
  }
}
