package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void theNativeTransportsSystemCallNameIsLeftOutOfTheDetail() {
    assertThat(Failures.describe(new IOException("wrapped", new IOException(
        "finishConnect(..) failed: Connection refused: /127.0.0.1:1")))).isEqualTo("Connection refused: /127.0.0.1:1");
    assertThat(Failures.describe(new IOException("recvAddress(..) failed: Connection reset by peer")))
        .isEqualTo("Connection reset by peer");
  }

  @Test
  void aJdkMessageIsKeptAsItIsAndAnEmptyOneNamesTheException() {
    assertThat(Failures.describe(new ConnectException("Connection refused: /127.0.0.1:1")))
        .isEqualTo("Connection refused: /127.0.0.1:1");
    assertThat(Failures.describe(new ConnectException())).isEqualTo("ConnectException");
  }
}
