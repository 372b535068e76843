package vn.dvcwatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vert.x's own metrics (vertx-micrometer-metrics) on the {@link DvcMetrics} registry, each meter registered once.
 * The library registers its {@code vertx.net.client.active.connections} gauge again on every new connection (its
 * per-connection metric object builds the gauge in its constructor), and its client meters register
 * {@code vertx.sql.processing.pending} again for each connection of the SQL pool; it relies on Micrometer handing
 * back the first gauge, which Micrometer logs as a double registration ("This Gauge has been already registered")
 * at every start. So the net-client meters are our own (same names and the same empty tags: every net client of the
 * process, PostgreSQL pool and SMTP, counts into one series, as before), and the client meters are made once per
 * server, type and namespace. The HTTP server's active-requests gauge, which the library builds again per request,
 * and the HTTP server's and client's active-connections gauges, built again per connection, are ours too
 * ({@link HttpServerMeters}, {@link HttpClientMeters}).
 */
public final class VertxMeters implements VertxMetricsFactory {
  private final MicrometerMetricsFactory micrometer;
  private final NetClientMeters netClients;
  private final HttpServerMeters.Gauges httpServerRequests;
  private final HttpServerMeters.Connections httpServerConnections;
  private final HttpServerMeters.Connections httpClientConnections;

  VertxMeters(MeterRegistry registry) {
    this.micrometer = new MicrometerMetricsFactory(registry);
    this.netClients = new NetClientMeters(registry);
    this.httpServerRequests = new HttpServerMeters.Gauges(registry);
    this.httpServerConnections = new HttpServerMeters.Connections(registry, "vertx.http.server.active.connections",
        "Number of opened connections to the server");
    this.httpClientConnections = new HttpServerMeters.Connections(registry, "vertx.http.client.active.connections",
        "Number of connections to the remote host currently opened");
  }

  @Override
  public MetricsOptions newOptions() {
    return micrometer.newOptions();
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return micrometer.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return micrometer.newOptions(json);
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    VertxMetrics library = micrometer.metrics(options);
    NetClientMeters nets = netClients;
    Map<List<String>, ClientMetrics<?, ?, ?>> clients = new ConcurrentHashMap<>();
    return new VertxMetrics() {
      @Override
      public boolean isMetricsEnabled() {
        return library.isMetricsEnabled();
      }

      @Override
      public EventBusMetrics<?> createEventBusMetrics() {
        return library.createEventBusMetrics();
      }

      @Override
      public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions o, SocketAddress local) {
        return new HttpServerMeters(library.createHttpServerMetrics(o, local), httpServerRequests, httpServerConnections);
      }

      @Override
      public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remote, String type, String namespace) {
        // one per server, type and namespace: the SQL pool asks for one per connection, and each of the library's
        // registers its pending-requests gauge again; they hold nothing but the meters they share
        return clients.computeIfAbsent(List.of(String.valueOf(remote), type, String.valueOf(namespace)),
            k -> library.createClientMetrics(remote, type, namespace));
      }

      @Override
      public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions o) {
        return new HttpClientMeters(library.createHttpClientMetrics(o), httpClientConnections);
      }

      @Override
      public TCPMetrics<?> createNetServerMetrics(NetServerOptions o, SocketAddress local) {
        return library.createNetServerMetrics(o, local);
      }

      @Override
      public TCPMetrics<?> createNetClientMetrics(NetClientOptions o) {
        return nets;
      }

      @Override
      public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions o) {
        return library.createDatagramSocketMetrics(o);
      }

      @Override
      public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
        return library.createPoolMetrics(poolType, poolName, maxPoolSize);
      }

      @Override
      public void vertxCreated(io.vertx.core.Vertx vertx) {
        library.vertxCreated(vertx);
      }

      @Override
      public void close() {
        library.close();
      }
    };
  }

  /** The net-client meters of the whole process, registered when the factory is made. */
  private static final class NetClientMeters implements TCPMetrics<Object> {
    private static final String PREFIX = "vertx.net.client.";
    private static final Object SOCKET = new Object();
    private final AtomicLong active = new AtomicLong();
    private final Counter bytesRead;
    private final Counter bytesWritten;
    private final MeterRegistry registry;

    NetClientMeters(MeterRegistry registry) {
      this.registry = registry;
      Gauge.builder(PREFIX + "active.connections", active, AtomicLong::get)
          .description("Number of connections to the remote host currently opened").register(registry);
      bytesRead = Counter.builder(PREFIX + "bytes.read").description("Number of bytes received from the remote host")
          .register(registry);
      bytesWritten = Counter.builder(PREFIX + "bytes.written").description("Number of bytes sent to the remote host")
          .register(registry);
    }

    @Override
    public Object connected(SocketAddress remote, String remoteName) {
      active.incrementAndGet();
      return SOCKET; // Vert.x reports a connection's bytes only when its metric is not null
    }

    @Override
    public void disconnected(Object socket, SocketAddress remote) {
      active.decrementAndGet();
    }

    @Override
    public void bytesRead(Object socket, SocketAddress remote, long bytes) {
      bytesRead.increment(bytes);
    }

    @Override
    public void bytesWritten(Object socket, SocketAddress remote, long bytes) {
      bytesWritten.increment(bytes);
    }

    @Override
    public void exceptionOccurred(Object socket, SocketAddress remote, Throwable t) {
      // a counter per exception class, as the library's; counters are looked up, never re-registered as gauges
      Counter.builder(PREFIX + "errors").description("Number of errors").tag("class", t.getClass().getSimpleName())
          .register(registry).increment();
    }
  }
}
