package vn.dvcwatch.grade;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scorecard row's measurement in English, for the pages' English mode. The grade room writes each measurement
 * in Vietnamese from a few fixed phrases with figures between them; {@code measurement-en.tsv} gives each phrase
 * its English, and the longest phrase that matches at a place wins. Figures, header and cipher names pass
 * through. A text with a phrase the table lacks keeps that phrase in Vietnamese (MeasurementEnTest keeps the table
 * complete over many random scorecards).
 */
public final class MeasurementEn {
  private static final Map<String, String> PHRASES = load();
  private static final Pattern ANY = Pattern.compile(PHRASES.keySet().stream()
      .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
      .reduce((a, b) -> a + "|" + b).orElseThrow());

  private MeasurementEn() {}

  public static String of(String vi) {
    if (vi == null || vi.isEmpty()) {
      return vi;
    }
    Matcher m = ANY.matcher(vi);
    StringBuilder out = new StringBuilder(vi.length() + 16);
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(PHRASES.get(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Map<String, String> load() {
    try (var in = MeasurementEn.class.getResourceAsStream("measurement-en.tsv")) {
      if (in == null) {
        throw new IllegalStateException("missing vn/dvcwatch/grade/measurement-en.tsv");
      }
      Map<String, String> out = new HashMap<>();
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      for (String line : lines) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          throw new IllegalStateException("measurement-en.tsv: no tab in: " + line);
        }
        out.put(line.substring(0, tab), line.substring(tab + 1));
      }
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
