-- Alert outbox (SPEC §9). One row per alert per recipient: each recipient has its own delivery,
-- retries, order and rate limit, and a recipient whose mailbox rejects mail holds up only itself.
-- Self-contained on purpose (no foreign keys): the store's tables may change without touching this.
CREATE TABLE alert_outbox (
  id                bigserial PRIMARY KEY,
  alert_key         text        NOT NULL,  -- idempotency key derived from the cause, e.g. down:<incidentId>
  recipient         text        NOT NULL,  -- '' on a suppressed row (kept so history can say why)
  kind              text        NOT NULL,
  portal_id         text,
  subject           text        NOT NULL,
  text_body         text        NOT NULL,
  html_body         text        NOT NULL,
  message_id        text        NOT NULL,  -- stable Message-ID: a resend after a crash is recognisably the same mail
  state             text        NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'suppressed')),
  suppressed_reason text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  attempts          integer     NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz NOT NULL DEFAULT now(),
  lease_until       timestamptz,
  last_error        text,
  sent_at           timestamptz,
  CONSTRAINT alert_outbox_once UNIQUE (alert_key, recipient)
);

-- The sender's claim: the oldest undelivered row of each recipient.
CREATE INDEX alert_outbox_undelivered ON alert_outbox (recipient, id) WHERE state IN ('pending', 'sending');
-- The per-recipient rate limit counts recent deliveries.
CREATE INDEX alert_outbox_delivered ON alert_outbox (recipient, sent_at) WHERE sent_at IS NOT NULL;
-- History on /portals/{id} and the admin API; the digest reads by time.
CREATE INDEX alert_outbox_portal ON alert_outbox (portal_id, id);
CREATE INDEX alert_outbox_created ON alert_outbox (created_at);
