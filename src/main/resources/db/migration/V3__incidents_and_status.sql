-- Confirmed outages (SPEC §7): the SLA's downtime is the union of these intervals, minus maintenance.
-- The id is the probe engine's: reopening or closing the same incident twice is a no-op.
CREATE TABLE incident (
  id         text        PRIMARY KEY,
  portal_id  text        NOT NULL,
  target     text,
  cause      text,
  started_at timestamptz NOT NULL,
  ended_at   timestamptz,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX incident_portal ON incident (portal_id, started_at);
CREATE INDEX incident_open ON incident (portal_id) WHERE ended_at IS NULL;
CREATE INDEX incident_time ON incident (started_at, ended_at);

-- Every change of a portal's confirmed status; the newest row per portal is its status after a restart.
CREATE TABLE status_transition (
  id          bigserial   PRIMARY KEY,
  portal_id   text        NOT NULL,
  from_status text        NOT NULL,
  to_status   text        NOT NULL,
  cause       text,
  at          timestamptz NOT NULL
);
CREATE INDEX status_transition_portal ON status_transition (portal_id, at DESC, id DESC);
