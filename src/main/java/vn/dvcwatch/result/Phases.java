package vn.dvcwatch.result;


/**
 * Phase timings of one probe in milliseconds with sub-millisecond precision. A phase that did not
 * happen (no TLS on plain HTTP, no first byte after a reset) is null, never 0.
 */
public record Phases(Double dns, Double connect, Double tls, Double ttfb, Double transfer, Double total) {
  public static final Phases NONE = new Phases(null, null, null, null, null, null);
}
