package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.web.WebFixture.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** The Atom feed of incidents (/status/feed.atom): valid Atom, plain words, Vietnam time, linked from /status. */
class IncidentFeedTest extends SharedWeb {
  @Test
  void theFeedListsIncidentsInPlainWordsWithVietnamTime() {
    HttpResponse<Buffer> r = await(web.client.get("/status/feed.atom").send());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("application/atom+xml");
    assertThat(r.getHeader("ETag")).isNotBlank();
    Document feed = Jsoup.parse(r.bodyAsString(), "", Parser.xmlParser());
    assertThat(feed.selectFirst("feed").attr("xmlns")).isEqualTo("http://www.w3.org/2005/Atom");
    assertThat(feed.select("feed > id, feed > title, feed > updated")).hasSize(3);
    assertThat(feed.select("entry")).hasSize(2);
    var open = feed.select("entry").get(0);
    assertThat(open.selectFirst("title").text()).isEqualTo("Cổng Dịch vụ công Bộ Tư pháp: ngừng hoạt động (chứng chỉ không hợp lệ, trình duyệt chặn truy cập)");
    assertThat(open.selectFirst("content").text()).contains("08:00 04/12/2026 (UTC+7)");
    assertThat(open.selectFirst("link").attr("href")).endsWith("/portals/bo-tu-phap");
    var closed = feed.select("entry").get(1);
    assertThat(closed.selectFirst("title").text()).isEqualTo("Cổng Dịch vụ công Hà Nội: đã hoạt động trở lại sau 42 phút");
    assertThat(closed.selectFirst("updated").text()).isEqualTo("2026-11-20T01:42:00Z");
    String en = await(web.client.get("/status/feed.atom?lang=en").send()).bodyAsString();
    assertThat(en).contains("back up after 42 min").contains("xml:lang=\"en\"");
    assertThat(r.bodyAsString()).doesNotContain("@");
    Document status = Jsoup.parse(await(web.client.get("/status").send()).bodyAsString());
    assertThat(status.select("link[rel=alternate][type=application/atom+xml]").attr("href")).isEqualTo("/status/feed.atom");
    assertThat(status.select("meta[property=og:title]")).isNotEmpty();
  }
}
