package vn.dvcwatch.web;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The few files served whole from memory: the board and portal page shells, the privacy page and the OpenAPI
 * description. Read once at start (off the event loop), so serving them is a buffer write.
 */
record PageFiles(Buffer board, Buffer portal, Buffer privacy, Buffer notFound, Buffer openApi) {
  static PageFiles load() {
    return new PageFiles(read("webroot/index.html"), read("webroot/portal.html"), read("webroot/privacy.html"),
        read("webroot/404.html"), read("webroot/openapi.yaml"));
  }

  private static Buffer read(String resource) {
    try (InputStream in = PageFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
