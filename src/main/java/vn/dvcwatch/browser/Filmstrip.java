package vn.dvcwatch.browser;

import io.vertx.core.json.JsonObject;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The frames of a load, from the screenshots the browser put in the load's trace ({@code Screenshot} events of the
 * category {@code disabled-by-default-devtools.screenshot}, one each time the compositor drew something new): at
 * most {@link #MAX_FRAMES} small JPEGs at the moments the page changed, each with its time from the navigation's
 * start (the last main-frame {@code navigationStart} of a web document, Lighthouse's time origin). {@link #accept}
 * runs on the DevTools connection's loop and only keeps what it needs (bounded); {@link #frames} decodes and scales,
 * so it blocks: callers run it in {@code executeBlocking}.
 */
final class Filmstrip {
  /** Frames kept per load. */
  static final int MAX_FRAMES = 8;
  /** Width of a frame (pixels; the height follows the viewport's shape). */
  static final int FRAME_WIDTH = 160;
  /** A frame larger than this is not kept (a busy page at this size is still a few kilobytes). */
  static final int MAX_FRAME_BYTES = 24 * 1024;
  /** Screenshots kept from one trace before choosing: the browser takes one per new frame, up to hundreds. */
  static final int MAX_SCREENSHOTS = 120;
  private static final float QUALITY = 0.6f;

  private record Shot(double ts, String base64) {}

  private final List<Shot> shots = new ArrayList<>();
  private Double navigationStart;

  /** One trace event: keeps screenshots (up to {@link #MAX_SCREENSHOTS}) and the navigation's start. */
  void accept(JsonObject e) {
    String name = e.getString("name", "");
    if (name.equals("Screenshot")) {
      String snapshot = e.getJsonObject("args", new JsonObject()).getString("snapshot");
      if (snapshot != null && shots.size() < MAX_SCREENSHOTS) {
        shots.add(new Shot(e.getDouble("ts", 0.0), snapshot));
      }
    } else if (name.equals("navigationStart")) {
      JsonObject data = e.getJsonObject("args", new JsonObject()).getJsonObject("data", new JsonObject());
      double ts = e.getDouble("ts", 0.0);
      if (data.getString("documentLoaderURL", "").startsWith("http") && data.getBoolean("isLoadingMainFrame", true)
          && (navigationStart == null || ts > navigationStart)) {
        navigationStart = ts;
      }
    }
  }

  /** Screenshots seen (at most {@link #MAX_SCREENSHOTS}). */
  int screenshots() {
    return shots.size();
  }

  /**
   * The frames: the screenshots from the navigation's start on, in time order, each kept only when it differs from
   * the one before; more than {@link #MAX_FRAMES} are thinned evenly, keeping the first and the last. Blocking.
   */
  List<BrowserRun.Frame> frames() {
    if (navigationStart == null || shots.isEmpty()) {
      return List.of();
    }
    List<Shot> sorted = new ArrayList<>(shots);
    sorted.sort(Comparator.comparingDouble(Shot::ts));
    List<Shot> changes = new ArrayList<>();
    Shot before = null;
    for (Shot s : sorted) {
      // The last screenshot before the navigation is what the page showed at its start (the blank page).
      if (s.ts() < navigationStart) {
        before = s;
        continue;
      }
      if (changes.isEmpty() && before != null && !before.base64().equals(s.base64())) {
        changes.add(new Shot(navigationStart, before.base64()));
      }
      if (changes.isEmpty() || !changes.get(changes.size() - 1).base64().equals(s.base64())) {
        changes.add(s);
      }
    }
    List<BrowserRun.Frame> out = new ArrayList<>();
    for (Shot s : thin(changes, MAX_FRAMES)) {
      byte[] jpeg = thumbnail(Base64.getDecoder().decode(s.base64()));
      if (jpeg != null && jpeg.length <= MAX_FRAME_BYTES) {
        out.add(new BrowserRun.Frame((s.ts() - navigationStart) / 1000.0, jpeg));
      }
    }
    return out;
  }

  /** At most {@code n} of {@code xs}, evenly spread, the first and the last always among them. */
  static <T> List<T> thin(List<T> xs, int n) {
    if (xs.size() <= n) {
      return xs;
    }
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(xs.get((int) Math.round(i * (xs.size() - 1) / (double) (n - 1))));
    }
    return out;
  }

  /** The screenshot scaled to {@link #FRAME_WIDTH} pixels wide as a JPEG, or null when it cannot be read. */
  static byte[] thumbnail(byte[] jpeg) {
    try {
      BufferedImage in = ImageIO.read(new ByteArrayInputStream(jpeg));
      if (in == null || in.getWidth() == 0) {
        return null;
      }
      int w = Math.min(FRAME_WIDTH, in.getWidth());
      int h = Math.max(1, (int) Math.round(in.getHeight() * (double) w / in.getWidth()));
      BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = out.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(in, 0, 0, w, h, null);
      g.dispose();
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
      try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(stream);
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(QUALITY);
        writer.write(null, new IIOImage(out, null, null), p);
      } finally {
        writer.dispose();
      }
      return bytes.toByteArray();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
