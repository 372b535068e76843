package vn.dvcwatch.probe;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.CertificateProblem;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.result.TlsPosture;

/**
 * Probes one URL: uncached DNS, a fresh connection per hop, TLS judged separately from the handshake,
 * redirects followed up to the limit, then the security posture of the headers and the static page checks.
 *
 * <p>Phases are those of the final hop (the page a citizen finally gets); {@code total} runs from the
 * start of the first DNS lookup to the last byte of the final hop, so it includes every redirect.
 * The timed connections run on loops of their own ({@link ProbeIo}) that carry nothing else; the result is
 * handed back to the caller's context, and parsing HTML and judging certificates run on a worker, so neither
 * the watchdog's other work nor one big page delays another probe's timestamps. The untimed side checks
 * (legacy TLS handshakes, the http:// redirect) run on the caller's Vert.x loops, off the probe loops.
 */
public final class Prober {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Prober.class);
  private final Vertx vertx;
  private final ProbeSettings settings;
  private final ProbeTls tls;
  private final ChainTrust trust;
  private final NameResolver resolver;
  private final ProbeIo io;
  /** The caller's Vert.x loops: the untimed side checks run there, never on the probe loops. */
  private final EventLoopGroup sideLoops;
  private final ChannelFactory<? extends Channel> sideChannels;
  private final LegacyTlsCheck legacy;
  private final PerHostCache<Boolean> httpsRedirects;
  private final PageCache pages = new PageCache();
  /** The largest body (and decoded body) assessed on the watchdog's loop (docs/PROBING.md: what that costs). */
  static final int QUICK_BODY_BYTES = 256 * 1024;
  private final Verdict.Lines lines;
  private final java.util.Map<String, String> lastErrors = new java.util.concurrent.ConcurrentHashMap<>();
  private final InetAddress source;

  public Prober(Vertx vertx, ProbeSettings settings) {
    this(vertx, settings, null);
  }

  /**
   * A prober whose connections all leave from {@code source} (a vantage's own address, e.g. 127.0.0.2 for
   * one node of a cluster on loopback); null lets the operating system choose, as before.
   */
  public Prober(Vertx vertx, ProbeSettings settings, InetAddress source) {
    this.source = source;
    LegacyTls.allowInThisJvm(); // before our first TLS context, or the legacy handshakes cannot be offered
    this.vertx = vertx;
    this.settings = settings;
    this.lines = Verdict.Lines.of(settings);
    this.tls = new ProbeTls();
    this.trust = new ChainTrust(settings.extraCaFiles());
    this.io = ProbeIo.start(vertx, ProbeIo.defaultThreads());
    this.resolver = new NameResolver(io.vertx(), settings.hosts(), settings.connectTimeout().toMillis());
    VertxInternal internal = (VertxInternal) vertx;
    this.sideLoops = internal.nettyEventLoopGroup();
    this.sideChannels = internal.transport().channelFactory(false);
    this.legacy = new LegacyTlsCheck(settings.legacyTlsCheckEvery().toNanos(), this::legacyHandshake);
    this.httpsRedirects = new PerHostCache<>(settings.legacyTlsCheckEvery().toNanos());
  }

  /** Never fails: every error becomes a DOWN or DEGRADED {@link ProbeResult} with its cause. */
  public Future<ProbeResult> probe(String portalId, Target target, URI url) {
    Run run = new Run(portalId, target, url, trust, settings.deadline());
    return probe(run).onSuccess(r -> {
      String key = portalId + " " + target.label();
      if (run.error == null) {
        lastErrors.remove(key);
      } else {
        lastErrors.put(key, run.error);
      }
    });
  }

  private Future<ProbeResult> probe(Run run) {
    ContextInternal ctx = (ContextInternal) vertx.getOrCreateContext();
    return hop(ctx, run, run.url, 0, new HashSet<>())
        .recover(err -> Future.succeededFuture(run.failed(Cause.CONNECT, Failures.describe(err), null, 0, run.url)));
  }

  /**
   * The warm-up pass ({@link WarmUp}, docs/PROBING.md "The warm-up pass"): up to {@code probes} complete probes of a
   * page served by this process on 127.0.0.1 ({@link WarmUpSite}), a few at a time on every probe loop, each through
   * the whole path a portal's probe takes (DNS skipped: localhost is never looked up), judged against a trust that
   * holds the page's throwaway CA on top of the fleet's. Never fails, and completes within {@code bound} of its start
   * whatever happens (the certificates, the server or a probe failing or hanging): the caller starts probing the
   * fleet then. Its results reach no one: not the caller (it gets a {@link WarmUp.Pass} that counts them), not the
   * last errors, and the per-host and per-page caches forget the loopback page once its last probe has finished.
   * {@code site} is the page, started beforehand ({@link WarmUpSite#start}: its certificates are made on a worker while
   * the prober is built); a page that fails to start fails the pass, one that comes after the bound is closed unused.
   */
  public Future<WarmUp.Pass> warmUp(Duration bound, int probes, Future<WarmUpSite> site) {
    if (probes <= 0) {
      site.onSuccess(WarmUpSite::close);
      LOG.info("probe warm-up off (-Ddvc.probe.warmUpProbes=0): the first probes run on a cold probe path");
      return Future.succeededFuture(new WarmUp.Pass(0, 0, Duration.ZERO, Instant.now(), "off"));
    }
    return pass(bound, probes, site).onSuccess(p -> LOG.info(
        "probe warm-up before the first real probe: {}; nothing of it stored or counted", p.describe()));
  }

  private Future<WarmUp.Pass> pass(Duration bound, int probes, Future<WarmUpSite> site) {
    long start = System.nanoTime();
    long end = start + bound.toNanos();
    Promise<WarmUp.Pass> done = Promise.promise();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger up = new AtomicInteger();
    Function<String, WarmUp.Pass> tally = note -> new WarmUp.Pass(started.get(), up.get(),
        Duration.ofNanos(System.nanoTime() - start), Instant.now(), note);
    long timer = vertx.setTimer(Math.max(1, bound.toMillis()),
        t -> done.tryComplete(tally.apply("stopped at its bound of " + bound.toMillis() + " ms")));
    Future<Void> ran = site.compose(s -> done.future().isComplete() ? Future.<Void>succeededFuture()
        : waves(s, trust.with(s.anchor()), 0, probes, end, started, up));
    ran.onComplete(ar -> done.tryComplete(ar.succeeded() ? tally.apply(null)
        : tally.apply("failed: " + Failures.describe(ar.cause()))));
    // Once every probe of the pass has finished (each one's connection ends by the pass's end; its side checks and
    // judgement shortly after), the server closes and the caches forget its page.
    site.onSuccess(s -> ran.onComplete(x -> s.close().onComplete(y -> {
      legacy.forget("localhost", s.port());
      pages.forget(s.origin());
    })));
    return done.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  /** Whether anything of {@code page} or its host is cached (tests: the warm-up pass leaves nothing behind). */
  boolean remembers(URI page) {
    return pages.knows(page.toString())
        || legacy.known(page.getHost(), InetSocketAddress.createUnresolved(page.getHost(), page.getPort())) != null;
  }

  /** {@code n} probes of the pass from {@code from} on, a wave at a time: two per probe loop, half of them eForms. */
  private Future<Void> waves(WarmUpSite site, ChainTrust passTrust, int from, int n, long end, AtomicInteger started,
      AtomicInteger up) {
    long left = end - System.nanoTime();
    if (from >= n || left <= 0) {
      return Future.succeededFuture();
    }
    int size = Math.min(n - from, 2 * io.threads().size());
    List<Future<ProbeResult>> wave = new java.util.ArrayList<>();
    for (int i = from; i < from + size; i++) {
      Run run = new Run(WarmUp.PASS_PORTAL, i % 2 == 0 ? Target.HOMEPAGE : Target.EFORM, site.page(i), passTrust,
          Duration.ofNanos(left));
      started.incrementAndGet();
      wave.add(probe(run).onSuccess(r -> {
        if (r.outcome() == Outcome.UP) {
          up.incrementAndGet();
        }
      }));
    }
    return Future.join(wave).transform(x -> waves(site, passTrust, from + size, n, end, started, up));
  }

  /**
   * The technical detail behind the last failed probe of a page ("Connection refused", "handshake failed:
   * ..."), or null when it last succeeded: the words a portal team needs beyond the cause.
   */
  public String lastError(String portalId, Target target) {
    return lastErrors.get(portalId + " " + target.label());
  }

  /**
   * The facts of one probe as it goes, and the detail of its failure if it fails; the trust it is judged by (the
   * fleet's, or the warm-up pass's own) and when it must end.
   */
  private static final class Run {
    final String portalId;
    final Target target;
    final URI url;
    final ChainTrust trust;
    final Instant startedAt;
    final long start;
    final long deadline;
    String error;

    Run(String portalId, Target target, URI url, ChainTrust trust, Duration deadline) {
      this.portalId = portalId;
      this.target = target;
      this.url = url;
      this.trust = trust;
      this.startedAt = Instant.now();
      this.start = System.nanoTime();
      this.deadline = start + deadline.toNanos();
    }

    ProbeResult failed(String cause, String detail, Hop.Result hop, int redirects, URI at) {
      error = detail;
      Phases phases = hop == null ? new Phases(null, null, null, null, null, Millis.since(start))
          : new Phases(null, Millis.between(hop.connectStart(), hop.connected()),
              Millis.between(hop.connected(), hop.handshaken()), Millis.between(hop.written(), hop.firstByte()),
              null, Millis.since(start));
      return new ProbeResult(portalId, target, at.toString(), startedAt, Outcome.DOWN, cause,
          hop == null ? null : hop.status(), phases, redirects, hop == null ? 0 : hop.bytes(), null, null, null);
    }
  }

  private Future<ProbeResult> hop(ContextInternal ctx, Run run, URI url, int redirects, Set<String> seen) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      return Future.succeededFuture(run.failed(Cause.MALFORMED, "not an http(s) URL: " + url, null, redirects, url));
    }
    seen.add(url.normalize().toString());
    boolean https = scheme.equals("https");
    int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
    String host = url.getHost();
    long dnsStart = System.nanoTime();
    // The lookup is timed on the probe loops; its answer comes back to the caller's context at once, so
    // nothing that follows (the result, its consumers) runs on a probe loop.
    Promise<NameResolver.Resolved> answered = ctx.promise();
    resolver.resolve(host).onComplete(answered);
    return answered.future().transform(resolved -> {
      if (resolved.failed()) {
        ProbeResult r = run.failed(Cause.DNS, Failures.describe(resolved.cause()), null, redirects, url);
        return Future.succeededFuture(withDns(r, Millis.since(dnsStart)));
      }
      NameResolver.Resolved at = resolved.result();
      InetSocketAddress address = new InetSocketAddress(at.address(), port);
      String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
      String hostHeader = url.getPort() > 0 ? url.getRawAuthority().replaceFirst("^.*@", "") : host;
      Hop.Request req = new Hop.Request(address, host, hostHeader,
          url.getRawQuery() == null ? path : path + "?" + url.getRawQuery(), https, ProbeTls.MODERN,
          run.deadline, settings.connectTimeout().toMillis(), settings.maxBodyBytes(),
          settings.maxHeaderBytes(), settings.userAgent(), false, source);
      return Hop.run(io.next(), io.channels(), tls, req, ctx.promise())
          .compose(h -> afterHop(ctx, run, url, redirects, seen, at, address, h));
    });
  }

  private Future<ProbeResult> afterHop(ContextInternal ctx, Run run, URI url, int redirects, Set<String> seen,
      NameResolver.Resolved at, InetSocketAddress address, Hop.Result h) {
    if (h.failed()) {
      ProbeResult failed = withDns(run.failed(h.cause(), h.error(), h, redirects, url), at.dnsMillis());
      if (h.handshake() == null) {
        return Future.succeededFuture(failed);
      }
      // The handshake got through before the failure (a timeout, a reset, a broken answer): its certificate
      // is still worth reporting, e.g. the expiry of a portal that is down, and a certificate a browser
      // refuses is the outage a citizen sees (Verdict): cause certificate, not the timeout behind it.
      List<String> legacyKnown = legacy.known(url.getHost().toLowerCase(Locale.ROOT), address);
      return vertx.executeBlocking(() -> {
        TlsPosture t = CertificateJudge.judge(run.trust, h.handshake(), url.getHost(), Instant.now(), legacyKnown);
        Verdict.Judged v = Verdict.of(run.target, failed.cause(), failed.status(), failed.phases(), t, lines);
        if (Cause.CERTIFICATE.equals(v.cause())) {
          run.error = CertificateProblem.describe(t.refusals());
        }
        return withTls(failed, t, v);
      }, false);
    }
    String location = h.headers().get(HttpHeaderNames.LOCATION);
    if (h.status() >= 300 && h.status() < 400 && h.status() != 304 && location != null) {
      URI next;
      try {
        next = url.resolve(location.trim());
      } catch (IllegalArgumentException e) {
        return Future.succeededFuture(run.failed(Cause.MALFORMED, "bad Location: " + location, h, redirects, url));
      }
      if (seen.contains(next.normalize().toString())) {
        return Future.succeededFuture(run.failed(Cause.REDIRECT_LOOP, "redirect loop back to " + next, h, redirects + 1, url));
      }
      if (redirects >= settings.maxRedirects()) {
        return Future.succeededFuture(run.failed(Cause.REDIRECT_LOOP,
            "more than " + settings.maxRedirects() + " redirects", h, redirects, url));
      }
      return hop(ctx, run, next, redirects + 1, seen);
    }
    boolean https = url.getScheme().equalsIgnoreCase("https");
    String host = url.getHost().toLowerCase(Locale.ROOT);
    Future<List<String>> legacyAnswer = https ? legacy.accepted(host, address) : Future.succeededFuture(null);
    Future<Boolean> redirectAnswer = httpsRedirect(run.url, url, host, address);
    return Future.join(legacyAnswer, redirectAnswer).compose(done -> {
      // A page seen before behind a chain seen before (nearly every probe) costs microseconds to assess: done
      // here, which spares two thread hand-offs per probe. A new or changed page (a jsoup parse), a new chain
      // (a path validation) or a big body goes to a worker. This is the watchdog's loop, never a probe loop.
      ProbeResult quick = assess(run, url, redirects, at, h, legacyAnswer.result(), redirectAnswer.result(), true);
      return quick != null ? Future.succeededFuture(quick) : vertx.executeBlocking(
          () -> assess(run, url, redirects, at, h, legacyAnswer.result(), redirectAnswer.result(), false), false);
    });
  }

  /**
   * Whether http:// leads to https://. Known from the probe itself when it started at http://; for an
   * https:// URL on the standard port, asked once in a while with a cheap request to port 80; otherwise
   * (a non-standard port has no known http:// counterpart) null, not checked.
   */
  private Future<Boolean> httpsRedirect(URI first, URI last, String host, InetSocketAddress address) {
    if (first.getScheme().equalsIgnoreCase("http")) {
      return Future.succeededFuture(last.getScheme().equalsIgnoreCase("https"));
    }
    if (first.getPort() != -1 && first.getPort() != 443) {
      return Future.succeededFuture(null);
    }
    return httpsRedirects.get(host + ":80", () -> {
      ContextInternal ctx = (ContextInternal) vertx.getOrCreateContext();
      Hop.Request req = new Hop.Request(new InetSocketAddress(address.getAddress(), 80), host, host, "/", false,
          null, System.nanoTime() + settings.connectTimeout().toNanos() * 2, settings.connectTimeout().toMillis(),
          64 * 1024, settings.maxHeaderBytes(), settings.userAgent(), false, source);
      return Hop.run(sideLoops.next(), sideChannels, tls, req, ctx.promise()).map(r -> {
        if (r.failed()) {
          return null; // nothing listens on port 80: nothing to redirect
        }
        String location = r.headers().get(HttpHeaderNames.LOCATION);
        return r.status() >= 300 && r.status() < 400 && location != null
            && location.trim().toLowerCase(Locale.ROOT).startsWith("https://");
      });
    });
  }

  /**
   * Everything after the last byte: decoding, TLS judgement, posture, verdict. With {@code quick} (on an event
   * loop) it does only what is known to be cheap and returns null for the rest, which a worker then does whole:
   * a body over {@link #QUICK_BODY_BYTES} (or decoding to more), a chain not validated before, a stapled OCSP
   * answer, a new or changed page.
   */
  private ProbeResult assess(Run run, URI url, int redirects, NameResolver.Resolved at, Hop.Result h,
      List<String> legacyAccepted, Boolean httpsRedirect, boolean quick) {
    if (quick && h.body() != null && h.body().length > QUICK_BODY_BYTES) {
      return null;
    }
    boolean https = h.handshake() != null;
    TlsPosture tlsPosture = null;
    if (https) {
      if (quick) {
        ChainTrust.Reading chain = h.handshake().stapledOcsp() == null ? run.trust.known(h.handshake().chain()) : null;
        if (chain == null) {
          return null; // a new chain, or a stapled OCSP answer to parse and check the signature of
        }
        tlsPosture = CertificateJudge.judge(chain, h.handshake(), url.getHost(), Instant.now(), legacyAccepted);
      } else {
        tlsPosture = CertificateJudge.judge(run.trust, h.handshake(), url.getHost(), Instant.now(), legacyAccepted);
      }
    }
    String type = h.headers().get(HttpHeaderNames.CONTENT_TYPE);
    long cap = quick ? Math.min(QUICK_BODY_BYTES, settings.maxDecompressedBytes()) : settings.maxDecompressedBytes();
    BodyDecoder.Decoded body = h.body() == null ? new BodyDecoder.Decoded(null, null, null)
        : BodyDecoder.decode(h.body(), h.headers().get(HttpHeaderNames.CONTENT_ENCODING), cap);
    if (quick && Cause.DECOMPRESSION.equals(body.cause()) && cap < settings.maxDecompressedBytes()) {
      return null;
    }
    PageInspector.Findings findings = null;
    if (body.bytes() != null && (type == null || type.toLowerCase(Locale.ROOT).contains("html"))) {
      findings = quick ? pages.cached(url.toString(), body.bytes())
          : pages.inspect(url.toString(), body.bytes(), bytes -> PageInspector.inspect(
              new String(bytes, charset(type)), url.toString(), https));
      if (quick && findings == null) {
        return null;
      }
    }
    double total = Millis.between(run.start, h.lastByte());
    Phases phases = new Phases(at.dnsMillis(), Millis.between(h.connectStart(), h.connected()),
        Millis.between(h.connected(), h.handshaken()), Millis.between(h.written(), h.firstByte()),
        Millis.between(h.firstByte(), h.lastByte()), total);
    HeaderPosture headers = HeaderInspector.inspect(h.headers(), https, httpsRedirect,
        findings != null && findings.mixedContent());
    Verdict.Judged v = Verdict.of(run.target, body.cause(), h.status(), phases, tlsPosture, lines);
    run.error = Cause.CERTIFICATE.equals(v.cause()) ? CertificateProblem.describe(tlsPosture.refusals()) : body.error();
    return new ProbeResult(run.portalId, run.target, url.toString(), run.startedAt, v.outcome(), v.cause(),
        h.status(), phases, redirects, h.bytes(), tlsPosture, headers, findings == null ? null : findings.page());
  }

  private static java.nio.charset.Charset charset(String contentType) {
    if (contentType != null) {
      int i = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
      if (i >= 0) {
        String name = contentType.substring(i + 8).replace("\"", "").split("[;\\s]")[0];
        try {
          return java.nio.charset.Charset.forName(name);
        } catch (IllegalArgumentException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static ProbeResult withDns(ProbeResult r, Double dns) {
    Phases p = r.phases();
    return new ProbeResult(r.portalId(), r.target(), r.url(), r.startedAt(), r.outcome(), r.cause(), r.status(),
        new Phases(dns, p.connect(), p.tls(), p.ttfb(), p.transfer(), p.total()), r.redirects(), r.bytes(),
        r.tls(), r.headers(), r.page());
  }

  private static ProbeResult withTls(ProbeResult r, TlsPosture tls, Verdict.Judged v) {
    return new ProbeResult(r.portalId(), r.target(), r.url(), r.startedAt(), v.outcome(), v.cause(), r.status(),
        r.phases(), r.redirects(), r.bytes(), tls, r.headers(), r.page());
  }

  private Future<Boolean> legacyHandshake(InetSocketAddress address, String[] protocols) {
    ContextInternal ctx = (ContextInternal) vertx.getOrCreateContext();
    Hop.Request req = new Hop.Request(address, address.getHostString(), address.getHostString(), "/", true,
        protocols, System.nanoTime() + settings.connectTimeout().toNanos() * 2, settings.connectTimeout().toMillis(),
        0, settings.maxHeaderBytes(), settings.userAgent(), true, source);
    return Hop.run(sideLoops.next(), sideChannels, tls, req, ctx.promise()).map(r -> !r.failed());
  }

  /** The loops that carry the timed probes (tests check that nothing else runs there). */
  public ProbeIo io() {
    return io;
  }

  /** Releases the DNS client and the probe loops; call it once the probes in flight have finished. */
  public Future<Void> close() {
    return resolver.close().transform(x -> io.close());
  }
}
