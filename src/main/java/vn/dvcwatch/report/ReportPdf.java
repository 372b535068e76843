package vn.dvcwatch.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report as an A4 PDF (Apache PDFBox). The text is set in DejaVu Sans, bundled in the jar and
 * embedded (subset) in every file, because the PDF base fonts have no Vietnamese letters. The output is
 * a function of the report data alone: no creation date, and the file identifier is a digest of the
 * data, so an archived month's PDF is the same bytes every time.
 */
final class ReportPdf {
  private static final String FONT = "DejaVuSans.ttf";
  private static final byte[] FONT_BYTES = load();
  private static final float MARGIN = 50;
  /** Title, heading, text, and the sub-heading of a portal's sections in an owner's report. */
  private static final float[] SIZES = {15, 11.5f, 9, 10};

  private ReportPdf() {}

  private static byte[] load() {
    try (InputStream in = ReportPdf.class.getResourceAsStream(FONT)) {
      if (in == null) {
        throw new IllegalStateException(FONT + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders the fleet summary ({@code portal} null) or one portal's report. */
  static byte[] render(JsonObject data, JsonObject portal, ReportText t) {
    List<Line> lines = head(data, portal == null ? t.t("Báo cáo toàn quốc — danh sách cổng ", "National report — fleet ")
        + data.getString("fleet") : portal.getString("name") + " — " + portal.getString("owner"), t);
    summary(lines, portal == null ? data.getJsonArray("portals") : new JsonArray().add(portal), t);
    if (portal != null) {
      detail(lines, portal, t, 1);
    }
    return write(tail(lines, t, false), data.encode());
  }

  /** Renders an owner's report: its portals' rows and total, then each portal's details. */
  static byte[] render(JsonObject data, Owners.Owner owner, ReportText t) {
    List<Line> lines = head(data, t.t("Báo cáo của cơ quan chủ quản — ", "Report of the owner — ") + owner.name(), t);
    summary(lines, owner.portals(), t);
    JsonObject total = owner.total();
    lines.add(new Line(2, t.total(total.getInteger("portals")) + ": " + t.pct(total.getValue("uptime")) + " / "
        + t.pct(total.getValue("target")) + " (" + t.met(total) + ") · " + t.t("ngân sách lỗi đã dùng ", "error budget used ")
        + t.pct(total.getValue("budgetUsed")) + " · " + t.t("sự cố ", "incidents ") + total.getInteger("incidents") + " · "
        + t.t("gián đoạn ", "down ") + t.minutes(total.getValue("downtimeMin")) + " · " + t.t("bảo trì ", "maintenance ")
        + t.minutes(total.getValue("maintenanceMin"))));
    for (int i = 0; i < owner.portals().size(); i++) {
      JsonObject p = owner.portals().getJsonObject(i);
      lines.add(new Line(1, p.getString("name")));
      detail(lines, p, t, 3);
    }
    // The owner's identity goes into the file identifier with the data: two owners of one month differ.
    return write(tail(lines, t, true), owner.slug() + "\n" + data.encode());
  }

  private static List<Line> head(JsonObject data, String sub, ReportText t) {
    List<Line> lines = new ArrayList<>();
    lines.add(new Line(0, t.title(data.getString("month"))));
    lines.add(new Line(2, sub));
    if (data.getString("asOf") != null) {
      lines.add(new Line(2, t.asOf(data.getString("asOf"))));
    }
    return lines;
  }

  private static void summary(List<Line> lines, JsonArray portals, ReportText t) {
    lines.add(new Line(1, t.t("Tổng hợp", "Summary")));
    for (int i = 0; i < portals.size(); i++) {
      JsonObject p = portals.getJsonObject(i);
      JsonObject g = p.getJsonObject("grade");
      lines.add(new Line(2, p.getString("name") + ": " + t.pct(p.getValue("uptime")) + " / " + t.pct(p.getValue("target"))
          + " (" + t.met(p) + ") · " + t.t("ngân sách lỗi đã dùng ", "error budget used ") + t.pct(p.getValue("budgetUsed"))
          + " · " + t.t("sự cố ", "incidents ") + p.getJsonArray("incidents").size() + " · "
          + t.t("gián đoạn ", "down ") + t.minutes(p.getValue("downtimeMin")) + " · " + t.t("bảo trì ", "maintenance ")
          + t.minutes(p.getValue("maintenanceMin")) + " · " + t.t("hạng ", "grade ") + t.grade(g, "start") + " → "
          + t.grade(g, "end")));
    }
  }

  private static List<Line> tail(List<Line> lines, ReportText t, boolean owner) {
    lines.add(new Line(1, t.t("Phương pháp tính", "How the figures are computed")));
    for (String m : t.method(owner)) {
      lines.add(new Line(2, "• " + m));
    }
    return lines;
  }

  /** One portal's details, with section headings of level {@code h}. */
  private static void detail(List<Line> lines, JsonObject p, ReportText t, int h) {
    JsonArray inc = p.getJsonArray("incidents");
    List<String> incidents = new ArrayList<>();
    for (int i = 0; i < inc.size(); i++) {
      JsonObject x = inc.getJsonObject(i);
      incidents.add(t.when(x.getString("start")) + " – " + t.when(x.getString("end")) + " · " + x.getString("cause")
          + " · " + t.minutes(x.getValue("minutes")) + " · " + t.t("xác nhận: ", "acknowledged by: ") + t.ack(x));
    }
    items(lines, h, t.t("Sự cố", "Incidents"), new JsonArray(incidents), t);
    JsonArray m = p.getJsonArray("maintenance");
    List<String> windows = new ArrayList<>();
    for (int i = 0; i < m.size(); i++) {
      JsonObject w = m.getJsonObject(i);
      windows.add(t.when(w.getString("from")) + " – " + t.when(w.getString("to"))
          + (w.getString("reason").isEmpty() ? "" : ": " + w.getString("reason")));
    }
    items(lines, h, t.t("Bảo trì (không tính vào SLA)", "Maintenance (excluded from the SLA)"), new JsonArray(windows), t);
    lines.add(new Line(h, t.t("Hạng và thứ hạng", "Grade and rank")));
    JsonObject g = p.getJsonObject("grade");
    lines.add(new Line(2, t.t("Đầu tháng: ", "At start: ") + t.grade(g, "start") + " · " + t.t("Cuối tháng: ", "At end: ")
        + t.grade(g, "end")));
    lines.add(new Line(2, t.drift(g)));
    items(lines, h, t.t("Chứng chỉ và TLS: vấn đề còn tồn tại", "Certificate and TLS findings still open"),
        p.getJsonArray("findings"), t);
    items(lines, h, t.t("Việc cần khắc phục trước", "Top fixes"), p.getJsonArray("fixes"), t);
  }

  private static void items(List<Line> lines, int h, String heading, JsonArray items, ReportText t) {
    lines.add(new Line(h, heading));
    if (items.isEmpty()) {
      lines.add(new Line(2, t.t("Không có.", "None.")));
    }
    for (int i = 0; i < items.size(); i++) {
      lines.add(new Line(2, "• " + items.getString(i)));
    }
  }

  private record Line(int level, String text) {}

  private static byte[] write(List<Line> lines, String identity) {
    try (PDDocument doc = new PDDocument()) {
      PDType0Font font = PDType0Font.load(doc, new ByteArrayInputStream(FONT_BYTES), true);
      PDRectangle a4 = PDRectangle.A4;
      float width = a4.getWidth() - 2 * MARGIN;
      PDPageContentStream cs = null;
      float y = 0;
      for (Line l : lines) {
        float size = SIZES[l.level];
        float leading = size * 1.4f;
        List<String> wrapped = wrap(Normalizer.normalize(l.text, Normalizer.Form.NFC), font, size, width);
        float before = l.level == 1 || l.level == 3 ? size : 0;
        for (String w : wrapped) {
          if (cs == null || y - leading - before < MARGIN) {
            if (cs != null) {
              cs.endText();
              cs.close();
            }
            PDPage page = new PDPage(a4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            cs.beginText();
            y = a4.getHeight() - MARGIN;
            cs.newLineAtOffset(MARGIN, y);
          }
          cs.setFont(font, size);
          cs.newLineAtOffset(0, -(leading + before));
          y -= leading + before;
          before = 0;
          cs.showText(w);
        }
      }
      if (cs != null) {
        cs.endText();
        cs.close();
      }
      byte[] id = digest(identity);
      COSArray ids = new COSArray();
      ids.add(new COSString(id));
      ids.add(new COSString(id));
      doc.getDocument().setDocumentID(ids);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> wrap(String text, PDType0Font font, float size, float width) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
        out.add(line.toString());
        line = new StringBuilder("   ").append(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    out.add(line.toString());
    return out;
  }

  private static byte[] digest(String s) {
    try {
      return java.util.Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
