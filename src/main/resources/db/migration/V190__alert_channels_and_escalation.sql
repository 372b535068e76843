-- Alert channels, escalation and acknowledgement (docs/ALERTS.md).
--
-- Channel deliveries are rows of the same outbox: the row of a webhook, Slack, Teams or Telegram channel has
-- recipient '<type>:<name>' (the channel's configured name, never its URL or token) and its channel type here.
-- The unique (alert_key, recipient) pair therefore already means "one delivery per event per channel", and
-- each channel keeps its own order, retries and backoff, so a failing channel holds up only itself.
ALTER TABLE alert_outbox ADD COLUMN channel text NOT NULL DEFAULT 'email'
  CHECK (channel IN ('email', 'webhook', 'slack', 'teams', 'telegram'));
DROP INDEX alert_outbox_undelivered;
CREATE INDEX alert_outbox_undelivered ON alert_outbox (channel, recipient, id) WHERE state IN ('pending', 'sending');

-- An acknowledgement may name the incident it answers (the signed link in an email, the admin API's
-- incident route); one such acknowledgement per incident, so a link used twice records one.
ALTER TABLE acknowledgement ADD COLUMN incident_id text;
ALTER TABLE acknowledgement ADD COLUMN via text NOT NULL DEFAULT 'admin'
  CHECK (via IN ('admin', 'email_link'));
CREATE UNIQUE INDEX acknowledgement_incident ON acknowledgement (incident_id) WHERE incident_id IS NOT NULL;

-- The key that signs acknowledgement links: made once, by the first process that needs it, and shared by every
-- later process (and every instance on this database), so a link in last night's email still works after a restart.
CREATE TABLE alert_link_key (
  id         integer     PRIMARY KEY CHECK (id = 1),
  secret     bytea       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
