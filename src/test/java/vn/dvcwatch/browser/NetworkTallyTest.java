package vn.dvcwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The counting of DevTools events, message by message, without a browser. */
class NetworkTallyTest {
  private static JsonObject event(String method, JsonObject params) {
    return new JsonObject().put("method", method).put("params", params);
  }

  private static JsonObject sent(String id, String url, String type, String mixed) {
    return event("Network.requestWillBeSent", new JsonObject().put("requestId", id).put("type", type)
        .put("request", new JsonObject().put("url", url).put("mixedContentType", mixed)));
  }

  @Test
  void requestsBytesTypesAndFailures() {
    NetworkTally t = new NetworkTally();
    t.accept(sent("1", "https://a/", "Document", "none"));
    t.accept(event("Network.responseReceived", new JsonObject().put("requestId", "1").put("type", "Document")
        .put("response", new JsonObject().put("status", 200))));
    t.accept(event("Network.loadingFinished", new JsonObject().put("requestId", "1").put("encodedDataLength", 1000)));
    t.accept(sent("2", "https://a/x.png", "Image", "none"));
    t.accept(event("Network.responseReceived", new JsonObject().put("requestId", "2").put("type", "Image")
        .put("response", new JsonObject().put("status", 404))));
    t.accept(event("Network.loadingFinished", new JsonObject().put("requestId", "2").put("encodedDataLength", 200)));
    t.accept(sent("3", "data:image/png;base64,AAAA", "Image", "none"));
    t.accept(sent("4", "http://a/s.js", "Script", "blockable"));
    t.accept(event("Network.loadingFailed", new JsonObject().put("requestId", "4").put("blockedReason", "mixed-content")));
    t.accept(sent("5", "https://a/late", "Fetch", "none"));
    t.accept(event("Network.loadingFailed", new JsonObject().put("requestId", "5").put("canceled", true)));
    assertThat(t.requests).isEqualTo(4); // data: URLs are not network requests
    assertThat(t.bytes).isEqualTo(1200);
    assertThat(t.byType()).containsOnlyKeys("Document", "Image");
    assertThat(t.failed).isEqualTo(2); // the 404 and the blocked script; a cancellation is not a failure
    assertThat(t.mixedContent).isEqualTo(1); // counted once, though both events name it
    assertThat(t.documentStatus).isEqualTo(200);
    assertThat(t.inFlight()).isZero();
  }

  @Test
  void consoleErrorsCrashesAndTheLoadEvent() {
    NetworkTally t = new NetworkTally();
    t.accept(event("Runtime.consoleAPICalled", new JsonObject().put("type", "error")));
    t.accept(event("Runtime.consoleAPICalled", new JsonObject().put("type", "log")));
    t.accept(event("Runtime.exceptionThrown", new JsonObject()));
    t.accept(event("Log.entryAdded", new JsonObject().put("entry", new JsonObject().put("level", "error"))));
    t.accept(event("Log.entryAdded", new JsonObject().put("entry", new JsonObject().put("level", "warning"))));
    t.accept(event("Page.loadEventFired", new JsonObject()));
    assertThat(t.consoleErrors).isEqualTo(3);
    assertThat(t.loadFired).isTrue();
    assertThat(t.crashed).isFalse();
    t.accept(event("Inspector.targetCrashed", new JsonObject()));
    assertThat(t.crashed).isTrue();
  }

  @Test
  void anEndlessBodyCountsTheBytesAsTheyArrive() {
    NetworkTally t = new NetworkTally();
    t.accept(sent("1", "https://a/", "Document", "none"));
    t.accept(event("Network.dataReceived", new JsonObject().put("requestId", "1").put("encodedDataLength", 70_000)));
    assertThat(t.transferred()).isEqualTo(70_000);
    assertThat(t.inFlight()).isEqualTo(1);
  }
}
