-- Rollups of probe_result (SPEC §7), recomputed idempotently by the store's housekeeping for every hour
-- (day) that received rows since the last run. They outlive the raw rows (2 years by default) and seed
-- the in-memory scoring windows after a restart. p75 is over probes that were not DOWN (a timeout
-- says nothing about speed) and reached that phase;
-- within_a counts probes with ttfb <= 200 ms and total <= 2500 ms (the A thresholds of SPEC §6).
CREATE TABLE probe_hourly (
  portal_id   text             NOT NULL,
  target      text             NOT NULL,
  hour        timestamptz      NOT NULL,
  probes      bigint           NOT NULL,
  up          bigint           NOT NULL,
  ttfb_p75_ms double precision,
  total_p75_ms double precision,
  within_a    bigint           NOT NULL,
  PRIMARY KEY (portal_id, target, hour)
);
CREATE INDEX probe_hourly_hour ON probe_hourly (hour);

-- Days are Vietnam calendar days (Asia/Ho_Chi_Minh), as the people reading them count days.
CREATE TABLE probe_daily (
  portal_id   text             NOT NULL,
  target      text             NOT NULL,
  day         date             NOT NULL,
  probes      bigint           NOT NULL,
  up          bigint           NOT NULL,
  ttfb_p75_ms double precision,
  total_p75_ms double precision,
  within_a    bigint           NOT NULL,
  PRIMARY KEY (portal_id, target, day)
);
CREATE INDEX probe_daily_day ON probe_daily (day);
