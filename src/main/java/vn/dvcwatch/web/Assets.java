package vn.dvcwatch.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our static assets, held in memory, and their versioned URLs: {@code /assets/board.js?v=<hash of its
 * bytes>}. A versioned URL can be cached for a year ({@code immutable}): after an upgrade the pages name new
 * URLs, so no browser keeps an old script. Everything is read and hashed once, off the event loop. Served
 * from memory rather than by a file handler: only these names exist (no path can reach anything else), and
 * the bodies go through the server's compression like any other response.
 */
final class Assets {
  static final String UPLOT_DIR = "META-INF/resources/webjars/uplot/1.6.30/dist";
  private static final Pattern URL = Pattern.compile("/assets/[A-Za-z0-9_./-]+\\.(?:js|css|svg)");
  /** Every asset we serve. */
  private static final String[] FILES = {"/assets/site.css", "/assets/favicon.svg", "/assets/status.js",
    "/assets/i18n.js", "/assets/format.js", "/assets/board.js", "/assets/portal.js", "/assets/wall.js",
    "/assets/browser.js",
    "/assets/uplot/uPlot.iife.min.js", "/assets/uplot/uPlot.min.css"};

  /** One asset: its bytes, type and version. */
  record Asset(io.vertx.core.buffer.Buffer body, String contentType, String version) {}

  private final Map<String, String> versions = new ConcurrentHashMap<>();
  private final Map<String, Asset> files = new ConcurrentHashMap<>();

  Assets() {
    for (String url : FILES) {
      byte[] bytes = read(resource(url));
      String v = hash(bytes);
      versions.put(url, v);
      files.put(url, new Asset(CachedBody.offHeap(io.vertx.core.buffer.Buffer.buffer(bytes)), type(url), v));
    }
  }

  /** The asset at this path, or null. */
  Asset get(String path) {
    return files.get(path);
  }

  private static String type(String url) {
    if (url.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    return url.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml";
  }

  /** The versioned URL of an asset; reads and hashes it on first use, so call it off the event loop first. */
  String url(String path) {
    return path + "?v=" + version(path);
  }

  /** True when {@code v} is the current version of {@code path}: only such a URL may be cached as immutable. */
  boolean current(String path, String v) {
    String known = versions.get(path);
    return v != null && v.equals(known);
  }

  /** A page with every {@code /assets/...} URL in it versioned. */
  String versionAll(String page) {
    Matcher m = URL.matcher(page);
    StringBuilder out = new StringBuilder(page.length() + 256);
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(url(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String version(String path) {
    String v = versions.get(path);
    if (v == null) {
      throw new IllegalStateException("not an asset we serve: " + path);
    }
    return v;
  }

  private static String resource(String path) {
    String rest = path.substring("/assets/".length());
    return rest.startsWith("uplot/") ? UPLOT_DIR + rest.substring("uplot".length()) : "webroot/assets/" + rest;
  }

  static byte[] read(String resource) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hash(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
