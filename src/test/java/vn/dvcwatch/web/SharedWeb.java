package vn.dvcwatch.web;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.dvcwatch.testkit.Poll;

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
    String[] body = {""};
    Poll.await(path + " showing " + expected, () -> {
      body[0] = WebFixture.await(web.client.get(path).send()).bodyAsString();
      return body[0].contains(expected);
    }, Duration.ofSeconds(5), Duration.ofMillis(50));
    return body[0];
  }
}
