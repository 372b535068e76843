package vn.dvcwatch.browser;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A Chrome DevTools Protocol connection over one WebSocket, the browser's own endpoint. Commands are JSON
 * messages with an id; the answer with that id completes the command's future. Events of a page come with
 * the page's session id (flat sessions, {@code Target.attachToTarget} with {@code flatten}), and go to the
 * listener registered for that session. Everything runs on the event loop that opened the socket: no
 * thread waits for the browser.
 *
 * <p>Written here rather than taken from a library: docs/BROWSER.md says why.
 */
final class CdpClient {
  /** Answers carry screenshots and axe-core's results; the axe-core script itself goes the other way. */
  private static final int MAX_MESSAGE = 64 * 1024 * 1024;

  private final WebSocketClient client;
  private final WebSocket socket;
  private final Map<Long, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final Map<String, Consumer<JsonObject>> sessions = new ConcurrentHashMap<>();
  private long nextId = 1;
  private volatile Throwable closedBy;
  private final Promise<Throwable> gone = Promise.promise();

  private CdpClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
  }

  /** Connects to {@code ws://127.0.0.1:port/devtools/browser/...}. */
  static Future<CdpClient> connect(Vertx vertx, int port, String path) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(MAX_MESSAGE)
        .setMaxFrameSize(MAX_MESSAGE).setConnectTimeout(5000));
    return client.connect(port, "127.0.0.1", path).map(ws -> {
      CdpClient c = new CdpClient(client, ws);
      ws.textMessageHandler(c::onMessage);
      ws.closeHandler(v -> c.fail(new BrowserGone("the browser closed its DevTools connection")));
      ws.exceptionHandler(e -> c.fail(new BrowserGone("DevTools connection failed: " + e.getMessage())));
      return c;
    }).onFailure(e -> client.close());
  }

  /** Thrown into every command still waiting when the connection ends (the browser exited or was killed). */
  static final class BrowserGone extends RuntimeException {
    BrowserGone(String message) {
      super(message, null, false, false);
    }
  }

  /** A browser-level command. */
  Future<JsonObject> send(String method, JsonObject params) {
    return send(null, method, params);
  }

  /** A command to one page's session (null: to the browser). */
  Future<JsonObject> send(String sessionId, String method, JsonObject params) {
    if (closedBy != null) {
      return Future.failedFuture(closedBy);
    }
    long id = nextId++;
    JsonObject msg = new JsonObject().put("id", id).put("method", method).put("params", params == null ? new JsonObject() : params);
    if (sessionId != null) {
      msg.put("sessionId", sessionId);
    }
    Promise<JsonObject> answer = Promise.promise();
    pending.put(id, answer);
    socket.writeTextMessage(msg.encode()).onFailure(e -> {
      Promise<JsonObject> p = pending.remove(id);
      if (p != null) {
        p.tryFail(e);
      }
    });
    return answer.future();
  }

  /** Events of this session go to {@code listener} until {@link #forget}. */
  void listen(String sessionId, Consumer<JsonObject> listener) {
    sessions.put(sessionId, listener);
  }

  void forget(String sessionId) {
    sessions.remove(sessionId);
  }

  /** Completes (with the reason) when the connection has ended. */
  Future<Throwable> gone() {
    return gone.future();
  }

  boolean open() {
    return closedBy == null;
  }

  Future<Void> close() {
    fail(new BrowserGone("closed by dvc-watch"));
    return socket.close().transform(x -> client.close());
  }

  private void onMessage(String text) {
    JsonObject msg = new JsonObject(text);
    Long id = msg.getLong("id");
    if (id != null) {
      Promise<JsonObject> p = pending.remove(id);
      if (p == null) {
        return;
      }
      JsonObject error = msg.getJsonObject("error");
      if (error != null) {
        p.fail(new CdpError(error.getString("message", "error") + " (" + error.getValue("code") + ")"));
      } else {
        p.complete(msg.getJsonObject("result", new JsonObject()));
      }
      return;
    }
    String session = msg.getString("sessionId");
    Consumer<JsonObject> listener = session == null ? null : sessions.get(session);
    if (listener != null) {
      listener.accept(msg);
    }
  }

  /** The browser refused a command. */
  static final class CdpError extends RuntimeException {
    CdpError(String message) {
      super(message, null, false, false);
    }
  }

  private void fail(Throwable why) {
    if (closedBy == null) {
      closedBy = why;
    }
    pending.values().forEach(p -> p.tryFail(why));
    pending.clear();
    sessions.clear();
    gone.tryComplete(why);
  }
}
