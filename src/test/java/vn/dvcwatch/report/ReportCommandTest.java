package vn.dvcwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dvcwatch.cli.Main;

/** {@code report} writes the file from the embedded database under {@code --data}, and refuses bad arguments. */
class ReportCommandTest {

  @Test
  void writesTheFleetCsvAnOwnersPdfAndRefusesAnUnknownPortal() throws Exception {
    Path dir = KnownMonth.dataDir();
    Path out = dir.resolve("report.csv");
    Run csv = run("report", "--month", "2026-09", "--format", "csv", "--out", out.toString(),
        "--data", dir.resolve("db").toString(), "--config", dir.resolve("none.yaml").toString());
    assertThat(csv.code).as(csv.err).isZero();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).startsWith(String.join(",", ReportCsv.HEADER) + "\r\n")
        .contains(",ha-noi,Thành phố Hà Nội,province,");
    assertThat(csv.out).contains("wrote " + out);

    // The owner of conf/portals.yaml's Hà Nội, by the slug the national page links to.
    Path pdf = dir.resolve("owner.pdf");
    Run owner = run("report", "--month", "2026-09", "--owner", "van-phong-uy-ban-nhan-dan-thanh-pho-ha-noi", "--format", "pdf",
        "--out", pdf.toString(), "--data", dir.resolve("db").toString(), "--config", dir.resolve("none.yaml").toString());
    assertThat(owner.code).as(owner.err).isZero();
    try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
      assertThat(new PDFTextStripper().getText(doc)).contains("Báo cáo của cơ quan chủ quản — Văn phòng Ủy ban nhân dân"
          + " thành phố Hà Nội", "Tổng cộng (1 cổng)", "đa số điểm đo");
    }

    for (String[] unknown : new String[][] {{"--portal", "no-such-portal", "no portal no-such-portal in the report of 2026-09"},
        {"--owner", "Bộ Không Có", "no owner Bộ Không Có in the report of 2026-09 (give the owner's slug"}}) {
      Run r = run("report", "--month", "2026-09", unknown[0], unknown[1], "--out", dir.resolve("x.html").toString(),
          "--data", dir.resolve("db").toString(), "--config", dir.resolve("none.yaml").toString());
      assertThat(r.code).as(r.err).isEqualTo(Main.BAD_ARGS);
      assertThat(r.err).contains("dvc-watch: " + unknown[2]);
      assertThat(dir.resolve("x.html")).doesNotExist();
    }
  }

  /** Refused before the database starts: exit code 2 and one line naming the option. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--month September --out x.html                 | --month must be YYYY-MM, not September",
      "--month 2026-13 --out x.html                   | --month must be YYYY-MM, not 2026-13",
      "--month 2999-01 --out x.html                   | --month 2999-01 has not begun",
      "--month 2026-09 --format docx --out x.docx     | --format must be html, csv or pdf, not docx",
      "--month 2026-09 --lang fr --out x.html         | --lang must be vi or en, not fr",
      "--month 2026-09 --portal ha-noi --owner bo-y-te --out x.html | --portal and --owner exclude each other",
      "--month 2026-09 --out /no/such/dir/x.html      | --out /no/such/dir/x.html: no directory /no/such/dir",
      "--month 2026-09                                | Missing required option: '--out=FILE'",
      "--out x.html                                   | Missing required option: '--month=YYYY-MM'",
      "--month 2026-09 --out x.html --pdf             | Unknown option: '--pdf'"})
  void badArgumentsAreUsageErrors(String args, String message) {
    List<String> argv = new ArrayList<>(List.of("report"));
    argv.addAll(List.of(args.trim().split("\\s+")));
    Run r = run(argv.toArray(String[]::new));
    assertThat(r.code).as(r.err).isEqualTo(Main.BAD_ARGS);
    assertThat(r.err).startsWith("dvc-watch: ").contains(message);
    assertThat(r.err.strip().lines()).hasSize(1);
  }

  @Test
  void theDatabaseOptionIsTheOneRunAndDemoHave() {
    String report = run("report", "--help").out;
    String runHelp = run("run", "--help").out;
    assertThat(dataLine(report)).isEqualTo(dataLine(runHelp)).startsWith("--data=DIR").contains("(default ./data)");
    assertThat(report).contains("--owner=OWNER", "--portal=ID", "--format=FMT");
  }

  private static String dataLine(String help) {
    return help.lines().map(String::strip).filter(l -> l.startsWith("--data=DIR")).findFirst().orElseThrow()
        .replaceAll("\\s+", " ");
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter so = new StringWriter();
    StringWriter se = new StringWriter();
    int code = Main.execute(args, new PrintWriter(so, true), new PrintWriter(se, true));
    return new Run(code, so.toString(), se.toString());
  }
}
