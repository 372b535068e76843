-- Page loads in a real browser (the browser room): one row per load of a portal's homepage or eForm page.
-- Figures are milliseconds from navigation start (cls has no unit), NULL when not measured. `method` is the
-- throttling method: figures of two methods are never compared or averaged, so every read that aggregates
-- filters or groups by it. `axe` holds axe-core's WCAG 2.0/2.1 A+AA violations as JSON
-- ({version, violations: [{id, impact, nodes, selectors, tags, help, helpUrl}], error?}).
CREATE TABLE browser_run (
  id              bigserial   PRIMARY KEY,
  portal_id       text        NOT NULL,
  target          text        NOT NULL,
  url             text        NOT NULL,
  started_at      timestamptz NOT NULL,
  wall_ms         integer     NOT NULL,
  outcome         text        NOT NULL,
  cause           text,
  method          text        NOT NULL,
  profile         text        NOT NULL,
  browser_version text,
  fcp_ms          double precision,
  lcp_ms          double precision,
  cls             double precision,
  tbt_ms          double precision,
  load_ms         double precision,
  bytes           bigint      NOT NULL,
  requests        integer     NOT NULL,
  by_type         jsonb       NOT NULL DEFAULT '{}',
  failed_requests integer     NOT NULL,
  console_errors  integer     NOT NULL,
  mixed_content   integer     NOT NULL,
  axe             jsonb       NOT NULL,
  axe_critical    integer     NOT NULL DEFAULT 0,
  axe_serious     integer     NOT NULL DEFAULT 0,
  axe_moderate    integer     NOT NULL DEFAULT 0,
  axe_minor       integer     NOT NULL DEFAULT 0,
  screenshot      bytea
);
CREATE INDEX browser_run_portal ON browser_run (portal_id, started_at DESC);
CREATE INDEX browser_run_started ON browser_run (started_at);
