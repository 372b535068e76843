package vn.dvcwatch.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The library's HTTP server meters, except its two gauges: it builds {@code vertx.http.server.active.requests} again
 * for every request and {@code vertx.http.server.active.connections} again for every connection, which Micrometer
 * logs as a double registration once per process. The library's gauges are renamed ({@link Library#naming},
 * {@link DvcMetrics#vertxOptions}) and denied; these, under the usual names and tags, are registered once.
 */
final class HttpServerMeters extends CountedConnections implements HttpServerMetrics<HttpServerMeters.Request, Object, Object> {
  static final String ACTIVE = "vertx.http.server.active.requests";

  /** The library's names for the gauges it re-registers, and the filter that denies them. */
  static final class Library {
    private static final String MARK = "library.";

    static io.vertx.micrometer.MetricsNaming naming() {
      io.vertx.micrometer.MetricsNaming n = io.vertx.micrometer.MetricsNaming.v4Names();
      return n.setHttpActiveRequests(MARK + n.getHttpActiveRequests())
          .setNetActiveConnections(MARK + n.getNetActiveConnections());
    }

    static boolean renamed(io.micrometer.core.instrument.Meter.Id id) {
      return id.getName().contains("." + MARK);
    }

    private Library() {}
  }

  /** One request: the library's metric and the gauge it counts in, decremented once (response end or reset). */
  record Request(Object library, AtomicLong active, AtomicBoolean open) {
    void end() {
      if (open.compareAndSet(true, false)) {
        active.decrementAndGet();
      }
    }
  }

  /** The gauges of every HTTP server of the process, by method. */
  static final class Gauges {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> byMethod = new ConcurrentHashMap<>();

    Gauges(MeterRegistry registry) {
      this.registry = registry;
    }

    AtomicLong of(HttpMethod method) {
      return byMethod.computeIfAbsent(String.valueOf(method), m -> {
        AtomicLong active = new AtomicLong();
        Gauge.builder(ACTIVE, active, AtomicLong::get).description("Number of requests being processed")
            .tag("method", m).register(registry);
        return active;
      });
    }
  }

  /** One active-connections gauge (no tags, as the library's) for every server or client of a kind in the process. */
  static final class Connections {
    final AtomicLong active = new AtomicLong();

    Connections(MeterRegistry registry, String name, String description) {
      Gauge.builder(name, active, AtomicLong::get).description(description).register(registry);
    }
  }

  private final HttpServerMetrics<Object, Object, Object> library;
  private final Gauges gauges;

  @SuppressWarnings("unchecked")
  HttpServerMeters(HttpServerMetrics<?, ?, ?> library, Gauges gauges, Connections connections) {
    super(library, connections);
    this.library = (HttpServerMetrics<Object, Object, Object>) library;
    this.gauges = gauges;
  }

  private Request begin(Object metric, HttpMethod method) {
    Request r = new Request(metric, gauges.of(method), new AtomicBoolean(true));
    r.active().incrementAndGet();
    return r;
  }

  private static Object lib(Request r) {
    return r == null ? null : r.library();
  }

  @Override
  public Request requestBegin(Object socket, HttpRequest request) {
    return begin(library.requestBegin(socket, request), request.method());
  }

  @Override
  public void requestEnd(Request r, HttpRequest request, long bytesRead) {
    library.requestEnd(lib(r), request, bytesRead);
  }

  @Override
  public void requestReset(Request r) {
    library.requestReset(lib(r));
    if (r != null) {
      r.end();
    }
  }

  @Override
  public void responseBegin(Request r, HttpResponse response) {
    library.responseBegin(lib(r), response);
  }

  @Override
  public Request responsePushed(Object socket, HttpMethod method, String uri, HttpResponse response) {
    return begin(library.responsePushed(socket, method, uri, response), method);
  }

  @Override
  public void responseEnd(Request r, HttpResponse response, long bytesWritten) {
    library.responseEnd(lib(r), response, bytesWritten);
    if (r != null) {
      r.end();
    }
  }

  @Override
  public Object connected(Object socket, Request r, ServerWebSocket webSocket) {
    return library.connected(socket, lib(r), webSocket);
  }

  @Override
  public void disconnected(Object webSocket) {
    library.disconnected(webSocket);
  }

  @Override
  public void requestRouted(Request r, String route) {
    library.requestRouted(lib(r), route);
  }
}
