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
}
