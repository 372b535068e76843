package vn.dvcwatch.metrics;

import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.TCPMetrics;

/**
 * The connection half shared by the HTTP server's and client's meters ({@link HttpServerMeters},
 * {@link HttpClientMeters}): every call goes to the library's meters, and open connections are counted in one
 * gauge ({@link HttpServerMeters.Connections}) instead of the library's, which it registers again per connection.
 */
abstract class CountedConnections implements TCPMetrics<Object> {
  private final TCPMetrics<Object> library;
  private final HttpServerMeters.Connections connections;

  @SuppressWarnings("unchecked")
  CountedConnections(TCPMetrics<?> library, HttpServerMeters.Connections connections) {
    this.library = (TCPMetrics<Object>) library;
    this.connections = connections;
  }

  @Override
  public Object connected(SocketAddress remote, String remoteName) {
    connections.active.incrementAndGet();
    return library.connected(remote, remoteName);
  }

  @Override
  public void disconnected(Object socket, SocketAddress remote) {
    connections.active.decrementAndGet();
    library.disconnected(socket, remote);
  }

  @Override
  public void bytesRead(Object socket, SocketAddress remote, long bytes) {
    library.bytesRead(socket, remote, bytes);
  }

  @Override
  public void bytesWritten(Object socket, SocketAddress remote, long bytes) {
    library.bytesWritten(socket, remote, bytes);
  }

  @Override
  public void exceptionOccurred(Object socket, SocketAddress remote, Throwable t) {
    library.exceptionOccurred(socket, remote, t);
  }

  @Override
  public void close() {
    library.close();
  }
}
