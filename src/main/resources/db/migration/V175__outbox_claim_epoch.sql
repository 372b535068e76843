-- The leader epoch an outbox row was claimed under (docs/CLUSTER.md). In a cluster only the leader sends,
-- and its claim transaction first checks its epoch against cluster_leader; a row claimed under an older
-- epoch belongs to a leader that died or froze mid-send, and the next leader takes it over at once instead
-- of waiting for its lease. NULL for rows claimed by a single node (no cluster), as before.
ALTER TABLE alert_outbox ADD COLUMN claim_epoch bigint;
