package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.cli.Main;
import vn.dvcwatch.result.Cause;

/** {@code check URL [--json] [--ca FILE]}: the JSON contract of docs/API.md, the readable report, the exit codes. */
class CheckCommandTest {
  static Vertx vertx;
  static HttpServer site;
  static Path caFile;
  static Path hostsFile;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    TestPki.Issued ca = TestPki.ca("dvc-watch test CA");
    caFile = ca.writeCert(dir);
    hostsFile = Files.writeString(dir.resolve("hosts"), "# simulator\n127.0.0.1 portal.test www.portal.test\n");
    site = TestSites.https(vertx, TestPki.leaf(ca, "portal.test", Duration.ofDays(90)), ca, null,
        req -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
            .putHeader("Server", "Apache/2.4.41 (Ubuntu)").end(TestSites.PAGE));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  record Run(int code, String out, String err) {}

  static Run check(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  String url() {
    return "https://portal.test:" + site.actualPort() + "/";
  }

  @Test
  void jsonHasEveryContractField() {
    Run r = check(url(), "--json", "--ca", caFile.toString(), "--hosts", hostsFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonObject j = new JsonObject(r.out());
    assertThat(j.fieldNames()).contains("url", "outcome", "cause", "status", "phases", "tls", "headers", "page",
        "score", "grade", "breakdown");
    assertThat(j.getString("outcome")).isEqualTo("UP");
    assertThat(j.getValue("cause")).isNull();
    assertThat(j.getInteger("status")).isEqualTo(200);
    assertThat(j.getJsonObject("phases").fieldNames())
        .containsExactlyInAnyOrder("dns", "connect", "tls", "ttfb", "transfer", "total");
    assertThat(j.getJsonObject("phases").getDouble("ttfb")).isNotNull();
    JsonObject tls = j.getJsonObject("tls");
    assertThat(tls.fieldNames()).contains("trusted", "hostnameMatch", "daysLeft", "protocol", "cipher", "keyType",
        "keyBits", "legacyProtocols", "forwardSecrecy");
    assertThat(tls.getBoolean("trusted")).isTrue();
    assertThat(tls.getJsonArray("legacyProtocols")).isEmpty();
    JsonObject headers = j.getJsonObject("headers");
    assertThat(headers.fieldNames()).contains("hsts", "csp", "xFrameOptions", "xContentTypeOptions",
        "referrerPolicy", "serverVersionLeak");
    assertThat(headers.getBoolean("serverVersionLeak")).isTrue();
    assertThat(j.getJsonObject("page").fieldNames()).contains("lang", "title", "viewport", "imagesWithoutAlt",
        "unlabeledFields");
    assertThat(j.getJsonObject("page").getInteger("imagesWithoutAlt")).isZero();
    assertThat(j.getDouble("score")).isBetween(0.0, 100.0);
    assertThat(j.getString("grade")).isIn("A", "B", "C", "D", "E");
    assertThat(j.getJsonArray("breakdown")).isNotEmpty();
    assertThat(j.getJsonArray("breakdown").getJsonObject(0).fieldNames())
        .contains("id", "points", "max", "measurement", "hint");
  }

  @Test
  void readableReportSaysWhatToFix() {
    Run r = check(url(), "--ca", caFile.toString(), "--hosts", hostsFile.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("HOẠT ĐỘNG (UP)", "Bắt tay TLS", "Cần sửa",
        "Ẩn phiên bản phần mềm trong tiêu đề Server", "Thêm Content-Security-Policy");
  }

  @Test
  void withoutTheCaTheCertificateIsRefusedAndThePageDown() {
    Run r = check(url(), "--json", "--hosts", hostsFile.toString());
    assertThat(r.code()).isEqualTo(1);
    JsonObject j = new JsonObject(r.out());
    assertThat(j.getString("outcome")).isEqualTo("DOWN");
    assertThat(j.getString("cause")).isEqualTo("certificate");
    assertThat(j.getJsonObject("tls").getBoolean("trusted")).isFalse();
    assertThat(j.getJsonObject("tls").getBoolean("chainTrusted")).isFalse();
    assertThat(j.getJsonObject("tls").getJsonArray("problems").getList()).containsExactly("untrusted");
  }

  @Test
  void aPortalThatIsNotUpExitsWithOne() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r = check("http://127.0.0.1:" + port + "/", "--json");
    assertThat(r.code()).isEqualTo(1);
    JsonObject j = new JsonObject(r.out());
    assertThat(j.getString("outcome")).isEqualTo("DOWN");
    assertThat(j.getString("cause")).isEqualTo(Cause.CONNECT);
    assertThat(j.getString("error")).containsIgnoringCase("refused");
    assertThat(j.getValue("tls")).isNull();
    // The human report says it in Vietnamese; the library's English stays in --json only.
    Run text = check("http://127.0.0.1:" + port + "/");
    assertThat(text.out()).contains("Chi tiết: máy chủ từ chối kết nối").doesNotContainIgnoringCase("Connection refused");
  }

  @Test
  void badArgumentsExitWithTwo() {
    assertThat(check("ftp://portal.test/").code()).isEqualTo(2);
    assertThat(check("not a url").code()).isEqualTo(2);
    Run missing = check(url(), "--ca", "no/such/ca.pem");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("dvc-watch: --ca no/such/ca.pem");
    Run notPem = check(url(), "--ca", hostsFile.toString());
    assertThat(notPem.code()).isEqualTo(2);
  }
}
