package vn.dvcwatch.alert;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox rows of the webhook, Slack, Teams and Telegram channels over HTTP (vertx-web-client), with the
 * email sender's guarantees: rows claimed oldest first per channel, marked sent only on a 2xx answer, retried with the
 * same doubling backoff for as long as it takes, each channel on its own (a channel that fails holds up only its own
 * later rows). Every call has a connect timeout, a total timeout and a response-size cap, and follows no redirect: a
 * 3xx answer is a failure, retried like any other, whatever host it points to (a moved webhook is fixed in the
 * configuration, not followed to wherever a redirect says).
 *
 * <p>Secrets (webhook URLs with their tokens, bot tokens, HMAC keys) live only in {@link ChannelSettings}: the
 * outbox row names the channel ({@code slack:ops}), and every error text is passed through {@link #redact} before it
 * is logged or stored as the row's last error.
 */
final class ChannelSender extends OutboxPoller {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelSender.class);
  private static final int BATCH = 50;
  /** Channels are rooms, not mailboxes: a busy hour may post more, and nothing is dropped either way. */
  static final int RATE_PER_HOUR = 600;
  private static final int LOUD_AFTER_ATTEMPTS = 10;

  private final Outbox outbox;
  private final AlertSettings settings;
  private final ChannelSettings channels;
  private final Map<String, ChannelSettings.Channel> byRecipient;
  private final List<String> types;
  private final List<String> secrets = new ArrayList<>();
  private final Clock clock;
  private final Map<String, AtomicLong> delivered = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
  private WebClient client;

  ChannelSender(Outbox outbox, AlertSettings settings, ChannelSettings channels, Clock clock) {
    super(settings);
    this.outbox = outbox;
    this.settings = settings;
    this.channels = channels;
    this.clock = clock;
    this.byRecipient = channels.byRecipient();
    this.types = channels.channels().stream().filter(c -> c.type() != ChannelSettings.Type.EMAIL)
        .map(c -> c.type().label()).distinct().toList();
    channels.channels().forEach(c -> {
      secrets.addAll(c.secrets());
      delivered.put(c.recipient(), new AtomicLong());
      failures.put(c.recipient(), new AtomicLong());
    });
    // Longest first, so a URL is replaced whole before its path would be.
    secrets.sort((a, b) -> b.length() - a.length());
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) channels.connectTimeout().toMillis())
        .setIdleTimeout((int) channels.timeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setFollowRedirects(false)
        // A fresh connection per call: a receiver that hung cannot leave a half-used connection behind.
        .setKeepAlive(false)
        .setUserAgent("dvc-watch-alerts")
        .setMaxHeaderSize(16 * 1024));
    return super.start();
  }

  @Override
  Future<?> closeClients() {
    client.close();
    return Future.succeededFuture();
  }

  long delivered(String recipient) {
    AtomicLong n = delivered.get(recipient);
    return n == null ? 0 : n.get();
  }

  long failures(String recipient) {
    AtomicLong n = failures.get(recipient);
    return n == null ? 0 : n.get();
  }

  @Override
  Future<Boolean> pass() {
    return outbox.claim(BATCH, settings.lease(), RATE_PER_HOUR, types)
        .compose(rows -> {
          List<Future<Boolean>> sends = new ArrayList<>();
          for (Outbox.Claimed row : rows) {
            sends.add(deliver(row));
          }
          return Future.join(sends).map(x -> sends.stream().anyMatch(Future::result));
        })
        .onFailure(err -> LOG.warn("alert outbox unavailable to the channel sender, will retry: {}",
            redact(err.toString())));
  }

  /** Posts one row; always completes successfully, with whether the channel took it. */
  private Future<Boolean> deliver(Outbox.Claimed row) {
    ChannelSettings.Channel ch = byRecipient.get(row.recipient());
    if (stopped()) {
      return outbox.release(row.id()).otherwise(false); // not tried: the next sender takes it at once
    }
    if (!outbox.holds(row)) {
      return notLeading(row);
    }
    if (ch == null) {
      // The channel was removed from the configuration: the row waits (visible in the admin API) until it is back.
      return failed(row, "channel " + row.recipient() + " is not configured any more", Duration.ofMinutes(10));
    }
    ChannelMessage m = ChannelMessage.of(ch, row, clock.instant());
    return call(m)
        .compose(status -> outbox.markSent(row.id()).map(x -> {
          delivered.get(ch.recipient()).incrementAndGet();
          return true;
        }), err -> {
          failures.get(ch.recipient()).incrementAndGet();
          return failed(row, redact(String.valueOf(err.getMessage())), OutboxSender.backoff(settings, row.attempts()));
        })
        .recover(err -> {
          LOG.warn("alert {}: could not record the delivery outcome: {}", row.id(), redact(err.toString()));
          return Future.succeededFuture(false);
        });
  }

  private Future<Boolean> failed(Outbox.Claimed row, String why, Duration wait) {
    String text = why.length() > 500 ? why.substring(0, 500) : why;
    if (row.attempts() >= LOUD_AFTER_ATTEMPTS) {
      LOG.error("alert {} to {} still undelivered after {} attempts (next in {}): {}", row.id(), row.recipient(),
          row.attempts(), wait, text);
    } else {
      LOG.warn("alert {} to {} not delivered (attempt {}, next in {}): {}", row.id(), row.recipient(), row.attempts(),
          wait, text);
    }
    return outbox.markFailed(row.id(), text, wait).map(false);
  }

  /** One POST: succeeds with the status on a 2xx answer, fails on anything else (3xx included) or a timeout. */
  private Future<Integer> call(ChannelMessage m) {
    HttpRequest<Buffer> req = client.postAbs(m.url()).followRedirects(false)
        .connectTimeout(channels.connectTimeout().toMillis()).idleTimeout(channels.timeout().toMillis());
    m.headers().forEach(req::putHeader);
    CappedSink sink = new CappedSink(channels.maxResponseBytes());
    return req.as(BodyCodec.pipe(sink))
        .sendBuffer(Buffer.buffer(m.body()))
        .timeout(channels.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .transform(ar -> {
          if (sink.over) {
            return Future.failedFuture("response longer than " + channels.maxResponseBytes() + " bytes");
          }
          if (ar.failed()) {
            Throwable t = ar.cause();
            return Future.failedFuture(t instanceof java.util.concurrent.TimeoutException || t.getClass().getSimpleName()
                .contains("Timeout") ? "no answer within " + channels.timeout().toMillis() + " ms" : String.valueOf(t.getMessage()));
          }
          int status = ar.result().statusCode();
          if (status >= 300 && status < 400) {
            return Future.failedFuture("HTTP " + status + ": redirects are not followed (" + where(ar.result().getHeader("Location"))
                + "); fix the channel's URL");
          }
          if (status < 200 || status >= 300) {
            return Future.failedFuture("HTTP " + status);
          }
          return Future.succeededFuture(status);
        });
  }

  /** The host a redirect points to, or its absence; never its path (it may carry a token). */
  private static String where(String location) {
    if (location == null) {
      return "no Location";
    }
    try {
      java.net.URI u = java.net.URI.create(location.trim());
      return u.getHost() == null ? "to a path on the same host" : "to host " + u.getHost();
    } catch (IllegalArgumentException e) {
      return "unreadable Location";
    }
  }

  /** Replaces every configured secret (URL, path, token, key) in {@code text} with {@code ***}. */
  String redact(String text) {
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "***");
    }
    return out;
  }

  /**
   * The response body's sink: counts the bytes and refuses the write that goes over the cap (the call then fails).
   * Nothing of the body is kept: a 2xx status is the answer the sender needs.
   */
  private static final class CappedSink implements WriteStream<Buffer> {
    private final long cap;
    private long seen;
    volatile boolean over;

    CappedSink(long cap) {
      this.cap = cap;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      seen += data.length();
      if (seen > cap) {
        over = true;
        return Future.failedFuture("response longer than " + cap + " bytes");
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      return over ? Future.failedFuture("response longer than " + cap + " bytes") : Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
