package dev.pressfeed.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.StringReader;
import nu.validator.htmlparser.common.XmlViolationPolicy;
import nu.validator.htmlparser.dom.HtmlDocumentBuilder;
import org.jsoup.Jsoup;
import org.w3c.dom.DocumentFragment;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a browser would make of an HTML fragment Pressfeed serves, judged on the trees two
 * independent HTML5 parsers build from it (jsoup, and the Nu validator's htmlparser, a port of
 * the parser Firefox used) — and again on the tree built from jsoup's serialisation of its
 * tree, since mutation XSS lives in the difference between two parses.
 */
public final class HtmlVerdict {

  static final Set<String> FORBIDDEN_ELEMENTS = Set.of("script", "style", "iframe", "frame", "frameset", "object",
      "embed", "applet", "base", "meta", "link", "form", "svg", "math", "noscript", "template");
  static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href", "data",
      "poster", "background", "cite", "longdesc", "srcset", "ping", "manifest", "codebase", "dynsrc", "lowsrc", "icon");
  static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");
  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");

  private HtmlVerdict() {}

  /** Everything wrong with the fragment; empty when a browser would run nothing from it. */
  public static List<String> problems(String html) {
    List<String> found = new ArrayList<>();
    if (html == null) {
      return found;
    }
    Document first = Jsoup.parseBodyFragment(html);
    inspect(first, found, "");
    Document second = Jsoup.parseBodyFragment(first.body().html());
    inspect(second, found, "after re-parsing: ");
    try {
      HtmlDocumentBuilder nu = new HtmlDocumentBuilder(XmlViolationPolicy.ALLOW);
      DocumentFragment fragment = nu.parseFragment(new InputSource(new StringReader(html)), "body");
      inspect(fragment, found);
    } catch (Exception e) {
      found.add("the Nu parser failed: " + e);
    }
    return found;
  }

  private static void inspect(Node node, List<String> found) {
    for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof org.w3c.dom.Element e) {
        String tag = e.getLocalName() == null ? e.getTagName() : e.getLocalName();
        tag = tag.toLowerCase(Locale.ROOT);
        if (FORBIDDEN_ELEMENTS.contains(tag)) {
          found.add("Nu parser: <" + tag + "> element");
        }
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
          Node a = attributes.item(i);
          String name = (a.getLocalName() == null ? a.getNodeName() : a.getLocalName()).toLowerCase(Locale.ROOT);
          String value = a.getNodeValue();
          if (name.startsWith("on") || name.equals("srcdoc") || name.equals("formaction")) {
            found.add("Nu parser: " + name + " on <" + tag + ">");
          }
          if (URL_ATTRIBUTES.contains(name) || name.equals("href")) {
            String scheme = scheme(value);
            if (scheme != null && !SAFE_SCHEMES.contains(scheme)) {
              found.add("Nu parser: " + name + " with scheme " + scheme + ": on <" + tag + ">");
            }
          }
        }
      }
      inspect(n, found);
    }
  }

  private static void inspect(Document document, List<String> found, String prefix) {
    for (Element e : document.body().getAllElements()) {
      String tag = e.normalName();
      if (FORBIDDEN_ELEMENTS.contains(tag)) {
        found.add(prefix + "<" + tag + "> element");
      }
      for (Attribute a : e.attributes()) {
        String name = a.getKey().toLowerCase(Locale.ROOT);
        if (name.startsWith("on")) {
          found.add(prefix + "event handler " + name + " on <" + tag + ">");
        }
        if (name.equals("srcdoc") || name.equals("formaction")) {
          found.add(prefix + name + " on <" + tag + ">");
        }
        if (name.equals("style") && a.getValue().toLowerCase(Locale.ROOT).matches("(?s).*(javascript:|expression\\(|url\\().*")) {
          found.add(prefix + "style with a URL or expression on <" + tag + ">");
        }
        if (URL_ATTRIBUTES.contains(name)) {
          for (String url : name.equals("srcset") ? a.getValue().split(",") : new String[] {a.getValue()}) {
            String scheme = scheme(url);
            if (scheme != null && !SAFE_SCHEMES.contains(scheme)) {
              found.add(prefix + name + " with scheme " + scheme + ": on <" + tag + ">");
            }
          }
        }
      }
    }
  }

  /**
   * The scheme a browser would see: the attribute value as the HTML parser decoded it, without
   * leading and trailing C0 controls and spaces and without any tab or newline (WHATWG URL).
   */
  static String scheme(String value) {
    String v = value.replaceAll("^[\\u0000-\\u0020]+|[\\u0000-\\u0020]+$", "").replaceAll("[\\t\\n\\r]", "");
    Matcher m = SCHEME.matcher(v);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /** The text a reader shows for an HTML fragment: what a plain-text field must come back as. */
  static String text(String html) {
    return Jsoup.parseBodyFragment(html).body().text();
  }
}
