package vn.dvcwatch.sim;

import java.util.List;

/** What the browser lab pages were built to produce, for tests outside the sim room. */
public final class BrowserLabFacts {
  private BrowserLabFacts() {}

  public static long imageBytes() {
    return BrowserLab.image().length();
  }

  public static double expectedShift(int viewportWidth, int viewportHeight) {
    return BrowserLab.expectedShift(viewportWidth, viewportHeight);
  }

  public static long scriptTaskMs() {
    return BrowserLab.SCRIPT_TASK_MS;
  }

  public static long documentDelayMs() {
    return BrowserLab.DOCUMENT_DELAY_MS;
  }

  public static List<String> axeRules() {
    return BrowserLab.AXE_RULES;
  }
}
