package vn.dvcwatch.result;


/** The class of one probe's result (and of a portal's confirmed status). */
public enum Outcome {
  /** Answered 2xx/3xx within the A thresholds' order of magnitude. */
  UP,
  /** Answered, but slowly or with a partial error (4xx on the eForm, a slow page). */
  DEGRADED,
  /** Did not answer usefully: DNS, connect, TLS, timeout, 5xx, broken body. */
  DOWN
}
