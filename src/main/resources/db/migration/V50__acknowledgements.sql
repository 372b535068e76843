-- Acknowledgements from the admin API: an operator says "we know, we are on it" about a portal's
-- current problem. Kept for the record (who, when, what), shown on the admin view.
CREATE TABLE acknowledgement (
  id         bigserial   PRIMARY KEY,
  portal_id  text        NOT NULL,
  by_whom    text        NOT NULL,
  note       text        NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX acknowledgement_portal ON acknowledgement (portal_id, id);
