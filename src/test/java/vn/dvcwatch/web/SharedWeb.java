package vn.dvcwatch.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the test classes that share one web server across their tests. */
abstract class SharedWeb {
  static WebFixture web;

  @BeforeAll
  static void startWeb() {
    web = new WebFixture();
  }

  @AfterAll
  static void stopWeb() {
    web.close();
  }

  /**
   * The body of a public page once it shows {@code expected}: public bodies are cached for up to a
   * second after a change, so a test that just changed the read model waits for it (5 s at most).
   */
  static String eventually(String path, String expected) {
    return eventually(web, path, expected);
  }

  static String eventually(WebFixture web, String path, String expected) {
    long deadline = System.currentTimeMillis() + 5000;
    String body = "";
    while (System.currentTimeMillis() < deadline) {
      body = WebFixture.await(web.client.get(path).send()).bodyAsString();
      if (body.contains(expected)) {
        return body;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(path + " never showed " + expected);
  }
}
