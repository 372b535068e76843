package vn.dvcwatch.sim;

import io.vertx.core.buffer.Buffer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Pages of known weight for the browser room, served by every simulated portal under {@link #PREFIX}: each
 * is built to produce one figure (a largest contentful paint, a layout shift, long tasks, known axe-core
 * violations) or to misbehave in one way (hang, request without end, allocate without end). The numbers
 * the tests expect are derived here, beside the pages that produce them.
 */
final class BrowserLab {
  static final String PREFIX = "/phong-thu/";
  /** The large image: 800×600 pixels of seeded noise, which PNG cannot compress (about 1.4 MB). */
  static final int IMAGE_WIDTH = 800;
  static final int IMAGE_HEIGHT = 600;
  /** The large image is answered this late, so it (the largest element) paints no earlier. */
  static final long IMAGE_DELAY_MS = 1500;
  /** The slow script's two tasks: each blocks the main thread this long after first paint. */
  static final long SCRIPT_TASK_MS = 300;
  /** The late shift: a banner this tall is inserted above a block this tall, this long after the load event. */
  static final int SHIFT_BANNER_PX = 200;
  static final int SHIFT_BLOCK_PX = 400;
  static final long SHIFT_AFTER_MS = 800;
  /** The late document: the server holds its whole answer this long, and it paints at once when it arrives. */
  static final long DOCUMENT_DELAY_MS = 1000;

  private static Buffer image;

  private BrowserLab() {}

  /** Answers one request under {@link #PREFIX}. */
  static void respond(SimConnection c, RequestHead head) {
    String page = head.path().substring(PREFIX.length());
    switch (page) {
      case "anh-lon" -> html(c, head, doc("Ảnh lớn", "", "<h1>Ảnh lớn</h1>\n<img src=\"" + PREFIX + "anh-lon.png\" alt=\"Ảnh chụp trụ sở\" width=\"400\" height=\"300\">"));
      // Made once, off the simulator's loop (encoding a megabyte of PNG takes a few hundred ms).
      case "anh-lon.png" -> io.vertx.core.Vertx.currentContext().executeBlocking(BrowserLab::image, false)
          .onSuccess(png -> c.after(IMAGE_DELAY_MS, () -> c.send(head, 200, "OK", "image/png", png, false, "")));
      case "kich-ban-cham" -> html(c, head, doc("Kịch bản chậm", "", "<h1>Kịch bản chậm</h1><p>Nội dung trang.</p>\n"
          + "<script src=\"" + PREFIX + "cham.js\"></script>"));
      case "cham.js" -> c.send(head, 200, "OK", "text/javascript", Buffer.buffer(slowScript()), false, "");
      case "dich-chuyen" -> html(c, head, doc("Dịch chuyển muộn", "body{margin:0}#khoi{height:" + SHIFT_BLOCK_PX
          + "px;background:#eef}#bang{height:" + SHIFT_BANNER_PX + "px;background:#fc0}", "<div id=\"khoi\">Thủ tục hành chính</div>\n"
          + "<script>addEventListener('load', () => setTimeout(() => { const b = document.createElement('div'); b.id = 'bang';"
          + " b.textContent = 'Thông báo'; document.body.insertBefore(b, document.body.firstChild); }, " + SHIFT_AFTER_MS
          + "));</script>"));
      // Paint times count from the navigation's start (Lighthouse's time origin), so the server's wait is in them.
      case "tai-cham" -> c.after(DOCUMENT_DELAY_MS, () -> html(c, head, doc("Trả lời chậm", "",
          "<h1>Trả lời chậm</h1><p>Trang được trả lời sau " + DOCUMENT_DELAY_MS + " ms.</p>")));
      case "loi-truy-cap" -> html(c, head, inaccessible());
      case "treo" -> html(c, head, doc("Treo", "", "<h1>Trang treo</h1><script>for (;;) {}</script>"));
      case "yeu-cau-vo-tan" -> html(c, head, doc("Yêu cầu vô tận", "", "<h1>Yêu cầu vô tận</h1><script>let n = 0;"
          + " const go = () => fetch('" + PREFIX + "ping?n=' + (n++), {cache: 'no-store'}).then(go, go);"
          + " for (let i = 0; i < 6; i++) go();</script>"));
      case "ping" -> c.send(head, 200, "OK", "text/plain", Buffer.buffer("pong"), false, "Cache-Control: no-store\r\n");
      // Buffers and ordinary objects, 32 MiB a turn, failures ignored: the pressure never lets up.
      case "ngon-bo-nho" -> html(c, head, doc("Ngốn bộ nhớ", "", "<h1>Ngốn bộ nhớ</h1><script>const giu = [];"
          + " const them = () => { try { for (let i = 0; i < 16; i++) { giu.push(new Uint8Array(1 << 20).fill(1));"
          + " giu.push(new Array(1 << 17).fill(i + 0.5)); } } catch (e) {} setTimeout(them, 0); }; them();</script>"));
      // An HTTPS page asking for an image and a script over plain HTTP (same host): mixed content, twice.
      case "hon-hop" -> html(c, head, doc("Nội dung hỗn hợp", "", "<h1>Nội dung hỗn hợp</h1><img src=\"http://"
          + head.header("host") + "/static/logo.png\" alt=\"Quốc huy\" width=\"64\" height=\"64\"><script src=\"http://"
          + head.header("host") + PREFIX + "ping\"></script>"));
      default -> c.send(head, 404, "Not Found", "text/plain", Buffer.buffer("không có"), false, "");
    }
  }

  /**
   * The expected CLS of the late shift: the block moves down by the banner's height. Impact fraction: the
   * union of its old and new place over the viewport; distance fraction: the move over the viewport's
   * larger side (Layout Instability API). The viewport is the mobile profile's 412×823.
   */
  static double expectedShift(int viewportWidth, int viewportHeight) {
    double impact = (double) Math.min(SHIFT_BLOCK_PX + SHIFT_BANNER_PX, viewportHeight) / viewportHeight;
    double distance = (double) SHIFT_BANNER_PX / Math.max(viewportWidth, viewportHeight);
    return impact * distance;
  }

  /** The axe-core rules {@link #inaccessible} breaks, and only those among WCAG 2.0/2.1 A and AA. */
  static final java.util.List<String> AXE_RULES = java.util.List.of("html-has-lang", "document-title", "image-alt",
      "label", "color-contrast", "link-name");

  private static String inaccessible() {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
        + "</head><body><main><h1>Tờ khai</h1>\n<img src=\"/static/logo.png\" width=\"64\" height=\"64\">\n"
        + "<p style=\"color:#aaa;background:#fff\">Chữ xám nhạt khó đọc trên nền trắng.</p>\n"
        + "<form><input type=\"text\" name=\"ho-ten\"></form>\n<a href=\"/tra-cuu\"></a>\n</main></body></html>\n";
  }

  private static String doc(String title, String css, String body) {
    return "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
        + "initial-scale=1\"><title>" + title + "</title>" + (css.isEmpty() ? "" : "<style>" + css + "</style>")
        + "</head><body>\n" + body + "\n</body></html>\n";
  }

  private static String slowScript() {
    String busy = "const until = performance.now() + " + SCRIPT_TASK_MS + "; while (performance.now() < until) {}";
    // Both tasks start well after the load event, so after the first paint (Total Blocking Time counts from it).
    return "addEventListener('load', () => {\n  setTimeout(() => { " + busy + " }, 500);\n  setTimeout(() => { " + busy
        + " }, 1100);\n});\n";
  }

  private static void html(SimConnection c, RequestHead head, String html) {
    c.send(head, 200, "OK", "text/html; charset=utf-8", Buffer.buffer(html, "UTF-8"), false, "");
  }

  static synchronized Buffer image() {
    if (image == null) {
      BufferedImage img = new BufferedImage(IMAGE_WIDTH, IMAGE_HEIGHT, BufferedImage.TYPE_INT_RGB);
      Random r = new Random(18);
      for (int y = 0; y < IMAGE_HEIGHT; y++) {
        for (int x = 0; x < IMAGE_WIDTH; x++) {
          img.setRGB(x, y, r.nextInt(0x1000000));
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(IMAGE_WIDTH * IMAGE_HEIGHT * 3 + 4096);
      try {
        ImageIO.write(img, "png", out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      image = Buffer.buffer(out.toByteArray());
    }
    return image;
  }
}
