package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;

class AlertTemplatesTest {
  private static final AlertTemplates T = new AlertTemplates("https://dvc-watch.example.vn/");
  private static final Instant T0 = Instant.parse("2026-11-24T07:05:00Z");

  private static Portal portal(String id, String name) {
    return new Portal(id, name, PortalKind.MINISTRY, URI.create("https://x.gov.vn/"), URI.create("https://x.gov.vn/f"),
        "owner", List.of("a@x.gov.vn"), 0.995, null, null, true);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0       | dưới 1 phút",
      "29      | dưới 1 phút",
      "30      | 1 phút",
      "720     | 12 phút",
      "3900    | 1 giờ 5 phút",
      "7200    | 2 giờ",
      "183840  | 2 ngày 3 giờ 4 phút",
      "86400   | 1 ngày"})
  void durationsInVietnamese(long seconds, String expected) {
    assertThat(VietnameseText.duration(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "dns      | lỗi phân giải tên miền",
      "connect  | không kết nối được",
      "tls      | lỗi TLS",
      "timeout  | quá thời gian chờ",
      "http_5xx | lỗi máy chủ (5xx)",
      "reset    | kết nối bị ngắt giữa chừng",
      "weird    | mất kết nối (weird)"})
  void causesInVietnamese(String cause, String expected) {
    assertThat(VietnameseText.cause(cause)).isEqualTo(expected);
  }

  @Test
  void timesAreInVietnamTime() {
    assertThat(VietnameseText.time(Instant.parse("2026-11-24T17:30:00Z"))).isEqualTo("00:30 ngày 25/11/2026 (giờ Việt Nam)");
  }

  @Test
  void portalNameIsNotPrefixedTwice() {
    assertThat(VietnameseText.portal(portal("bca", "Cổng Dịch vụ công Bộ Công an"))).isEqualTo("Cổng Dịch vụ công Bộ Công an");
    assertThat(VietnameseText.portal(portal("hue", "Thành phố Huế"))).isEqualTo("Cổng DVC Thành phố Huế");
  }

  @Test
  void everythingInHtmlIsEscapedAndTheLinkIsEncoded() {
    Portal evil = portal("a b<", "<script>alert('x')</script> & Co");
    AlertText t = T.gradeDrop(evil, "B", "C", 70, List.of("Tiêu đề <title> thiếu"));
    assertThat(t.subject()).isEqualTo("[dvc-watch] Cổng DVC <script>alert('x')</script> & Co hạ hạng B → C");
    assertThat(t.html()).doesNotContain("<script>", "<title> thiếu")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", "&lt;title&gt; thiếu",
            "href=\"https://dvc-watch.example.vn/portals/a+b%3C\"");
    assertThat(t.text()).contains("Điểm hiện tại: 70/100", "Các tiêu chí thay đổi: Tiêu đề <title> thiếu.");
  }

  @Test
  void downNamesCausePageAndStart() {
    Incident i = new Incident("i", "ha-noi", T0, null, Cause.HTTP_5XX, Target.EFORM);
    AlertText t = T.down(portal("ha-noi", "Thành phố Hà Nội"), i);
    assertThat(t.subject()).isEqualTo("[dvc-watch] Cổng DVC Thành phố Hà Nội đang gián đoạn (lỗi máy chủ (5xx))");
    assertThat(t.text()).contains("Trang bị lỗi: trang biểu mẫu điện tử (eForm)",
        "Bắt đầu từ: 14:05 ngày 24/11/2026 (giờ Việt Nam)", "Xem chi tiết: https://dvc-watch.example.vn/portals/ha-noi");
    assertThat(t.html()).startsWith("<!DOCTYPE html>").contains("<html lang=\"vi\">");
  }

  @Test
  void budgetBurnUsesDecimalComma() {
    AlertText t = T.budgetBurn(portal("p", "Tỉnh Lào Cai"), BudgetBurn.slow(7.25, 9, -0.125));
    assertThat(t.subject()).isEqualTo("[dvc-watch] Cổng DVC Tỉnh Lào Cai tiêu hao ngân sách lỗi nhanh (7,2× trong 6 giờ)");
    assertThat(t.text()).contains("Ngân sách lỗi còn lại: -12,5 %", "Mục tiêu SLA: 99,5 %");
  }
}
