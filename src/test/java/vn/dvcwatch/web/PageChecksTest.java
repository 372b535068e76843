package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.web.WebFixture.await;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Our own pages pass the page checks we grade portals by (lang, title, viewport that allows zoom,
 * alt on images, labelled fields, named links, a privacy-policy link) and hold up our CSP: no inline script, style or
 * event-handler attribute anywhere.
 */
class PageChecksTest extends SharedWeb {
  @Test
  void everyPageOfOursPassesOurOwnChecks() {
    for (String path : List.of("/", "/portals/ha-noi", "/status", "/status?lang=en", "/embed", "/embed?lang=en", "/privacy",
        "/khong-co")) {
      Document doc = Jsoup.parse(await(web.client.get(path).send()).bodyAsString());
      assertThat(doc.selectFirst("html").attr("lang")).as(path).isNotBlank();
      assertThat(doc.title()).as(path).isNotBlank();
      Element viewport = doc.selectFirst("meta[name=viewport]");
      assertThat(viewport).as(path).isNotNull();
      assertThat(viewport.attr("content")).as(path).doesNotContain("user-scalable=no").doesNotContain("maximum-scale=1");
      assertThat(doc.select("meta[http-equiv=refresh]")).as(path).isEmpty();
      assertThat(doc.select("img:not([alt])")).as(path).isEmpty();
      for (Element field : doc.select("input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea")) {
        boolean labelled = !field.id().isEmpty() && !doc.select("label[for=" + field.id() + "]").isEmpty()
            || field.hasAttr("aria-label") || field.closest("label") != null;
        assertThat(labelled).as(path + " " + field.cssSelector()).isTrue();
      }
      for (Element a : doc.select("a[href]")) {
        assertThat(a.text().isBlank() && !a.hasAttr("aria-label")).as(path + " link " + a.attr("href")).isFalse();
      }
      if (!path.equals("/khong-co") && !path.equals("/privacy")) {
        assertThat(doc.select("a[href=/privacy]")).as(path + " privacy-policy link").isNotEmpty();
      }
      assertThat(doc.select("script:not([src])")).as(path + " inline script").isEmpty();
      assertThat(doc.select("style")).as(path + " style element").isEmpty();
      assertThat(doc.select("[style]")).as(path + " style attribute").isEmpty();
      for (Element e : doc.getAllElements()) {
        for (Attribute attr : e.attributes()) {
          assertThat(attr.getKey()).as(path + " event handler on " + e.tagName()).doesNotStartWith("on");
        }
      }
    }
  }

  @Test
  void theNetworkBannerReplacesRedRowsOnThePublicPages() {
    web.board.networkSuspect = true;
    web.hub.publish("snapshot", web.board.snapshot());
    try {
      assertThat(eventually("/status", "sự cố mạng")).contains("net-suspect");
      assertThat(eventually("/embed?lang=en", "network problem")).contains("net-suspect");
    } finally {
      web.board.networkSuspect = false;
      web.hub.publish("snapshot", web.board.snapshot());
    }
  }

  @Test
  void valuesFromTheReadModelAreEscapedOnServerRenderedPages() {
    String hostile = "<script>alert(1)</script>";
    web.board.set("bo-cong-an", "name", hostile);
    web.board.set("bo-cong-an", "status", "<img src=x onerror=alert(2)>");
    web.hub.publish("snapshot", web.board.snapshot());
    try {
      for (String path : List.of("/status", "/embed")) {
        String html = eventually(path, "&lt;script&gt;alert(1)");
        assertThat(html).as(path).doesNotContain(hostile).doesNotContain("<img src=x");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script:not([src])")).as(path).isEmpty();
        assertThat(doc.text()).as(path).contains(hostile);
      }
    } finally {
      web.board.set("bo-cong-an", "name", "Cổng Dịch vụ công Bộ Công an");
      web.board.set("bo-cong-an", "status", "UP");
      web.hub.publish("snapshot", web.board.snapshot());
    }
  }
}
