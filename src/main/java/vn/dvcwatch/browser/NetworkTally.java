package vn.dvcwatch.browser;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the browser's events say about one load: requests and transfer bytes (by resource type), failed
 * requests, console errors, mixed content, crashes and the load event. Plain Java fed with DevTools event
 * messages, so the counting is testable without a browser.
 */
final class NetworkTally {
  private final Map<String, String> typeOf = new HashMap<>();
  private final Map<String, int[]> requestsByType = new TreeMap<>();
  private final Map<String, long[]> bytesByType = new TreeMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Set<String> mixed = new HashSet<>();
  int requests;
  long bytes;
  /** Bytes as they arrive (a body still streaming counts here before its request finishes). */
  long bytesSoFar;
  int failed;
  int consoleErrors;
  int mixedContent;
  boolean loadFired;
  boolean crashed;
  Integer documentStatus;
  String documentRequestId;
  long lastActivityNanos = System.nanoTime();

  /** Feeds one event message; returns its method for the caller's own decisions. */
  String accept(JsonObject msg) {
    String method = msg.getString("method", "");
    JsonObject p = msg.getJsonObject("params", new JsonObject());
    switch (method) {
      case "Network.requestWillBeSent" -> started(p);
      case "Network.responseReceived" -> responded(p);
      case "Network.dataReceived" -> {
        bytesSoFar += p.getLong("encodedDataLength", 0L);
        lastActivityNanos = System.nanoTime();
      }
      case "Network.loadingFinished" -> finished(p.getString("requestId"), p.getLong("encodedDataLength", 0L));
      case "Network.loadingFailed" -> {
        String id = p.getString("requestId");
        if (inFlight.remove(id) && !p.getBoolean("canceled", false)) {
          failed++;
        }
        // Blockable mixed content (a script over HTTP) is refused before it is sent: it shows only here.
        if ("mixed-content".equals(p.getString("blockedReason")) && mixed.add(id)) {
          mixedContent++;
        }
        lastActivityNanos = System.nanoTime();
      }
      case "Runtime.exceptionThrown" -> consoleErrors++;
      case "Runtime.consoleAPICalled" -> {
        String type = p.getString("type", "");
        if (type.equals("error") || type.equals("assert")) {
          consoleErrors++;
        }
      }
      case "Log.entryAdded" -> {
        if ("error".equals(p.getJsonObject("entry", new JsonObject()).getString("level"))) {
          consoleErrors++;
        }
      }
      case "Page.loadEventFired" -> loadFired = true;
      case "Inspector.targetCrashed" -> crashed = true;
      default -> { }
    }
    return method;
  }

  private void started(JsonObject p) {
    JsonObject request = p.getJsonObject("request", new JsonObject());
    String url = request.getString("url", "");
    if (url.startsWith("data:") || url.startsWith("blob:")) {
      return;
    }
    String id = p.getString("requestId");
    if (p.containsKey("redirectResponse")) {
      // A redirect reuses the request id: the hop is its own request, finished by the redirect.
      requests++;
    } else if (!inFlight.add(id)) {
      return;
    } else {
      requests++;
    }
    if (documentRequestId == null && "Document".equals(p.getString("type"))) {
      documentRequestId = id;
    }
    typeOf.put(id, p.getString("type", "Other"));
    String mixedType = request.getString("mixedContentType", "none");
    if (!"none".equals(mixedType) && mixed.add(id)) {
      mixedContent++;
    }
    lastActivityNanos = System.nanoTime();
  }

  private void responded(JsonObject p) {
    String id = p.getString("requestId");
    typeOf.put(id, p.getString("type", typeOf.getOrDefault(id, "Other")));
    int status = p.getJsonObject("response", new JsonObject()).getInteger("status", 0);
    if (id.equals(documentRequestId) && documentStatus == null) {
      documentStatus = status;
    }
    if (status >= 400) {
      failed++;
    }
    lastActivityNanos = System.nanoTime();
  }

  private void finished(String id, long encoded) {
    if (!inFlight.remove(id)) {
      return;
    }
    String type = typeOf.getOrDefault(id, "Other");
    bytes += encoded;
    requestsByType.computeIfAbsent(type, t -> new int[1])[0]++;
    bytesByType.computeIfAbsent(type, t -> new long[1])[0] += encoded;
    lastActivityNanos = System.nanoTime();
  }

  int inFlight() {
    return inFlight.size();
  }

  /** Transfer bytes: finished requests, or what has arrived so far when that is more (an endless body). */
  long transferred() {
    return Math.max(bytes, bytesSoFar);
  }

  Map<String, BrowserRun.TypeCount> byType() {
    Map<String, BrowserRun.TypeCount> out = new TreeMap<>();
    requestsByType.forEach((t, n) -> out.put(t, new BrowserRun.TypeCount(n[0], bytesByType.get(t)[0])));
    return out;
  }
}
