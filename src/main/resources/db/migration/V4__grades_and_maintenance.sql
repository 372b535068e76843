-- Grade history (SPEC §6): one row per recorded grade change or evaluation the grader chooses to keep.
CREATE TABLE grade_history (
  id        bigserial        PRIMARY KEY,
  portal_id text             NOT NULL,
  grade     text             NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'E')),
  score     double precision NOT NULL,
  at        timestamptz      NOT NULL
);
CREATE INDEX grade_history_portal ON grade_history (portal_id, at DESC, id DESC);

-- Declared maintenance (SPEC §7): excluded from the SLA and shown beside it; alerts stay quiet inside.
-- A null portal_id covers the whole fleet (the watchdog's own maintenance, a national network change).
CREATE TABLE maintenance_window (
  id         bigserial   PRIMARY KEY,
  portal_id  text,
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL,
  reason     text        NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX maintenance_window_time ON maintenance_window (starts_at, ends_at);
