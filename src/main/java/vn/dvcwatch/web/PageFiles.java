package vn.dvcwatch.web;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The few files served whole from memory: the board, wall and portal page shells (their asset URLs
 * versioned), the privacy page, robots.txt, the favicon and the OpenAPI description. Read once at start (off
 * the event loop), so serving them is a buffer write.
 */
record PageFiles(Assets assets, Buffer board, Buffer wall, Buffer portal, Buffer privacy, Buffer notFound, Buffer openApi,
    Buffer robots, Buffer favicon) {
  static PageFiles load() {
    Assets assets = new Assets();
    return new PageFiles(assets, page(assets, "webroot/index.html"), page(assets, "webroot/wall.html"),
        page(assets, "webroot/portal.html"), page(assets, "webroot/privacy.html"), page(assets, "webroot/404.html"),
        read("webroot/openapi.yaml"), read("webroot/robots.txt"), read("webroot/favicon.ico"));
  }

  private static Buffer page(Assets assets, String resource) {
    return Buffer.buffer(assets.versionAll(new String(Assets.read(resource), StandardCharsets.UTF_8)));
  }

  private static Buffer read(String resource) {
    return Buffer.buffer(Assets.read(resource));
  }
}
