package vn.dvcwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.cli.Main;

/** {@code report} writes the file from the embedded database under {@code --data}, and refuses bad arguments. */
class ReportCommandTest {

  @Test
  void writesTheCsvOfAMonth() throws Exception {
    Path dir = KnownMonth.dataDir();
    Path out = dir.resolve("report.csv");
    StringWriter so = new StringWriter();
    StringWriter se = new StringWriter();
    int code = Main.execute(new String[] {"report", "--month", "2026-09", "--format", "csv", "--out", out.toString(),
        "--data", dir.resolve("db").toString(), "--config", dir.resolve("none.yaml").toString()},
        new PrintWriter(so, true), new PrintWriter(se, true));
    assertThat(code).as(se.toString()).isZero();
    String csv = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(csv).startsWith(String.join(",", ReportCsv.HEADER) + "\r\n").contains(",ha-noi,Thành phố Hà Nội,province,");
    assertThat(so.toString()).contains("wrote " + out);
  }

  @Test
  void aBadMonthIsAUsageError() {
    StringWriter se = new StringWriter();
    int code = Main.execute(new String[] {"report", "--month", "September", "--out", "x.html"},
        new PrintWriter(new StringWriter(), true), new PrintWriter(se, true));
    assertThat(code).isEqualTo(Main.BAD_ARGS);
    assertThat(se.toString()).contains("--month must be YYYY-MM");
  }
}
