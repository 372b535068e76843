-- The filmstrip of a browser run: up to eight small JPEGs (160 px wide, at most 24 KiB each) of the moments the
-- page changed during the load, each with its time in milliseconds from navigation start (docs/BROWSER.md). Kept
-- and deleted with their run.
CREATE TABLE browser_frame (
  run_id bigint           NOT NULL REFERENCES browser_run (id) ON DELETE CASCADE,
  seq    smallint         NOT NULL,
  at_ms  double precision NOT NULL,
  jpeg   bytea            NOT NULL,
  PRIMARY KEY (run_id, seq)
);
