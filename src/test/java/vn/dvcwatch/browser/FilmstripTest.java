package vn.dvcwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The filmstrip from a trace's screenshot events: time origin, order, changes only, bounds. */
class FilmstripTest {
  private static String jpeg(Color c) throws Exception {
    BufferedImage img = new BufferedImage(720, 1440, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, 720, 1440);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  private static JsonObject shot(double tsMicros, String b64) {
    return new JsonObject().put("name", "Screenshot").put("ts", tsMicros).put("args", new JsonObject().put("snapshot", b64));
  }

  private static JsonObject navigationStart(double tsMicros, String url) {
    return new JsonObject().put("name", "navigationStart").put("ts", tsMicros).put("args", new JsonObject()
        .put("data", new JsonObject().put("documentLoaderURL", url).put("isLoadingMainFrame", true)));
  }

  @Test
  void framesAreTheChangesFromTheNavigationsStartInTimeOrder() throws Exception {
    String white = jpeg(Color.WHITE);
    String heading = jpeg(Color.LIGHT_GRAY);
    String image = jpeg(Color.DARK_GRAY);
    Filmstrip f = new Filmstrip();
    // Out of order, as trace chunks may be; about:blank's start is not the origin; the same picture twice is one frame.
    f.accept(shot(1_250_000, image));
    f.accept(navigationStart(900_000, "about:blank"));
    f.accept(shot(950_000, white));
    f.accept(navigationStart(1_000_000, "https://p.example/"));
    f.accept(shot(1_200_000, heading));
    f.accept(shot(1_220_000, heading));
    f.accept(new JsonObject().put("name", "Layout").put("ts", 1_100_000.0));
    List<BrowserRun.Frame> frames = f.frames();
    // the blank page at the start, the heading at 200 ms, the image at 250 ms
    assertThat(frames).extracting(BrowserRun.Frame::ms).containsExactly(0.0, 200.0, 250.0);
    for (BrowserRun.Frame fr : frames) {
      BufferedImage thumb = ImageIO.read(new java.io.ByteArrayInputStream(fr.jpeg()));
      assertThat(thumb.getWidth()).isEqualTo(Filmstrip.FRAME_WIDTH);
      assertThat(thumb.getHeight()).isEqualTo(Filmstrip.FRAME_WIDTH * 2);
      assertThat(fr.jpeg().length).isLessThanOrEqualTo(Filmstrip.MAX_FRAME_BYTES);
    }
  }

  @Test
  void manyChangesAreThinnedEvenlyKeepingTheFirstAndTheLast() throws Exception {
    Filmstrip f = new Filmstrip();
    f.accept(navigationStart(0, "https://p.example/"));
    for (int i = 0; i < 20; i++) {
      f.accept(shot(1000 + i * 100_000.0, jpeg(new Color(i * 12, 0, 0))));
    }
    List<BrowserRun.Frame> frames = f.frames();
    assertThat(frames).hasSize(Filmstrip.MAX_FRAMES);
    assertThat(frames.get(0).ms()).isEqualTo(1.0);
    assertThat(frames.get(frames.size() - 1).ms()).isEqualTo(1901.0);
    assertThat(frames).extracting(BrowserRun.Frame::ms).isSorted();
    assertThat(Filmstrip.thin(IntStream.range(0, 3).boxed().toList(), 8)).containsExactly(0, 1, 2);
  }

  @Test
  void noNavigationOrNoScreenshotIsNoFilmstrip() throws Exception {
    Filmstrip f = new Filmstrip();
    f.accept(shot(1000, jpeg(Color.WHITE)));
    assertThat(f.frames()).isEmpty();
    Filmstrip g = new Filmstrip();
    g.accept(navigationStart(0, "https://p.example/"));
    assertThat(g.frames()).isEmpty();
    assertThat(Filmstrip.thumbnail(new byte[] {1, 2, 3})).isNull();
  }
}
