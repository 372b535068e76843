-- Scoring model v2 reads the newest scored run of every portal's page with one throttling method at start
-- (BrowserRuns.latestScored): DISTINCT ON (portal_id, target) per method, newest first.
CREATE INDEX browser_run_scored ON browser_run (method, portal_id, target, started_at DESC);
