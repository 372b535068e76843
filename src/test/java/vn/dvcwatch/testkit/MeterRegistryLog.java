package vn.dvcwatch.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What Micrometer says about meters registered twice, captured at every level: it warns once per process and
 * logs at debug level after that, so a test that ran after another one still sees each double registration.
 */
public final class MeterRegistryLog implements AutoCloseable {
  private final Logger log = (Logger) LoggerFactory.getLogger(MeterRegistry.class);
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final Level levelBefore;

  private MeterRegistryLog() {
    levelBefore = log.getLevel();
    log.setLevel(Level.DEBUG);
    captured.start();
    log.addAppender(captured);
  }

  public static MeterRegistryLog capture() {
    return new MeterRegistryLog();
  }

  /** The "This Gauge has been already registered (...)" lines so far. */
  public List<String> doubleRegistrations() {
    return List.copyOf(captured.list).stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("already registered")).toList();
  }

  @Override
  public void close() {
    log.detachAppender(captured);
    log.setLevel(levelBefore);
  }
}
