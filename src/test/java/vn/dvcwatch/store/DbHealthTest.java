package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which failures mean "the database is away" (retry, readiness false) and which mean "refused" or "our bug". */
class DbHealthTest {

  private static PgException pg(String state) {
    return new PgException("message", "FATAL", state, null);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("connection refused", new ConnectException("Connection refused"), true),
        Arguments.of("connection closed", ClosedConnectionException.INSTANCE, true),
        Arguments.of("pool timeout", new io.vertx.core.VertxException("Timeout", true), true),
        Arguments.of("server shutting down", pg("57P01"), true),
        Arguments.of("server starting up", pg("57P03"), true),
        Arguments.of("connection failure class 08", pg("08006"), true),
        Arguments.of("not-null violation", pg("23502"), false),
        Arguments.of("deadlock", pg("40P01"), false),
        Arguments.of("undefined table", pg("42P01"), false),
        Arguments.of("caller's own failure", new IllegalStateException("template broke"), false),
        Arguments.of("wrapped refusal", new RuntimeException(new ConnectException("refused")), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void classifies(String name, Throwable failure, boolean unreachable) {
    assertThat(DbHealth.unreachable(failure)).isEqualTo(unreachable);
    DbHealth health = new DbHealth();
    Throwable passedOn = health.<Void>classify(failure).cause();
    assertThat(passedOn instanceof DatabaseUnavailableException).isEqualTo(unreachable);
    assertThat(passedOn instanceof PgException).isEqualTo(failure instanceof PgException && !unreachable);
    assertThat(health.up()).isEqualTo(!unreachable);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(pg("23505"), DbFailure.REFUSED),
        Arguments.of(pg("22001"), DbFailure.REFUSED),
        Arguments.of(pg("42703"), DbFailure.REFUSED),
        Arguments.of(pg("57P01"), DbFailure.UNREACHABLE),
        Arguments.of(new RuntimeException("in a transaction", pg("57P03")), DbFailure.UNREACHABLE),
        Arguments.of(pg("40001"), DbFailure.OTHER),
        Arguments.of(pg("53100"), DbFailure.OTHER),
        Arguments.of(new IllegalStateException("template broke"), DbFailure.OTHER));
  }

  /** The one rule every writer uses: only what the server refused is given up, everything else is retried. */
  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("refusals")
  void onlyARefusalIsGivenUp(Throwable failure, DbFailure kind) {
    assertThat(DbFailure.of(failure)).isEqualTo(kind);
    assertThat(kind.retry()).isEqualTo(kind != DbFailure.REFUSED);
    assertThat(BatchWriter.rejected(failure)).isEqualTo(kind == DbFailure.REFUSED);
  }

  @Test
  void aPingBringsReadinessBack() {
    DbHealth health = new DbHealth();
    health.failed(new ConnectException("refused"));
    assertThat(health.up()).isFalse();
    health.reachable();
    assertThat(health.up()).isTrue();
  }
}
