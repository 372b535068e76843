-- Raw probe results (SPEC §7). Partitioned by UTC day on started_at: retention drops whole partitions
-- (no DELETE, no vacuum debt) and a time-bounded query touches only its days. Partitions are created
-- ahead by the store's housekeeping (Partitions.java), named probe_result_pYYYYMMDD.
CREATE TABLE probe_result (
  portal_id   text             NOT NULL,
  target      text             NOT NULL CHECK (target IN ('homepage', 'eform')),
  started_at  timestamptz      NOT NULL,
  outcome     text             NOT NULL CHECK (outcome IN ('UP', 'DEGRADED', 'DOWN')),
  cause       text,
  status      integer,
  url         text,
  -- phases in milliseconds, sub-ms precision; null when the phase did not happen (never 0)
  dns_ms      double precision,
  connect_ms  double precision,
  tls_ms      double precision,
  ttfb_ms     double precision,
  transfer_ms double precision,
  total_ms    double precision,
  redirects   integer          NOT NULL DEFAULT 0,
  bytes       bigint           NOT NULL DEFAULT 0,
  posture     bytea            -- probe_posture.digest; null when the probe got no TLS/headers/page
) PARTITION BY RANGE (started_at);

-- Time-range scans (rollups, retention checks) over append-ordered data: BRIN is tiny and enough.
CREATE INDEX probe_result_time ON probe_result USING brin (started_at);
-- A portal's history and the latest result per portal and target.
CREATE INDEX probe_result_portal ON probe_result (portal_id, target, started_at);

-- TLS, header and page posture barely change between probes (the certificate's days-left once a day),
-- so each distinct posture is stored once and probe rows point at it by digest. last_seen lets
-- retention delete postures no kept probe row can still point at.
CREATE TABLE probe_posture (
  digest    bytea       PRIMARY KEY,
  tls       jsonb,
  headers   jsonb,
  page      jsonb,
  last_seen timestamptz NOT NULL
);
CREATE INDEX probe_posture_last_seen ON probe_posture (last_seen);

-- When each portal was first probed: a portal added mid-month is measured from here, not from the 1st.
CREATE TABLE portal_seen (
  portal_id      text        PRIMARY KEY,
  first_probe_at timestamptz NOT NULL
);
