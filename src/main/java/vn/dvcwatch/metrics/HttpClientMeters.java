package vn.dvcwatch.metrics;

import io.vertx.core.http.WebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/**
 * The library's HTTP client meters (the alert channels' web client), except its active-connections gauge, which it
 * builds again for every connection: renamed and denied as the server's ({@link HttpServerMeters}), and counted
 * here in one gauge.
 */
final class HttpClientMeters extends CountedConnections implements HttpClientMetrics<Object, Object, Object> {
  private final HttpClientMetrics<Object, Object, Object> library;

  @SuppressWarnings("unchecked")
  HttpClientMeters(HttpClientMetrics<?, ?, ?> library, HttpServerMeters.Connections connections) {
    super(library, connections);
    this.library = (HttpClientMetrics<Object, Object, Object>) library;
  }

  @Override
  public ClientMetrics<Object, HttpRequest, HttpResponse> createEndpointMetrics(SocketAddress remote, int maxPoolSize) {
    return library.createEndpointMetrics(remote, maxPoolSize);
  }

  @Override
  public void endpointConnected(ClientMetrics<Object, ?, ?> endpoint) {
    library.endpointConnected(endpoint);
  }

  @Override
  public void endpointDisconnected(ClientMetrics<Object, ?, ?> endpoint) {
    library.endpointDisconnected(endpoint);
  }

  @Override
  public Object connected(WebSocket webSocket) {
    return library.connected(webSocket);
  }

  @Override
  public void disconnected(Object webSocket) {
    library.disconnected(webSocket);
  }
}
