-- The cluster's leader, fenced (docs/CLUSTER.md). One row. A node becomes leader by raising the epoch
-- with a conditional UPDATE (WHERE epoch = the epoch it read), and every leader transaction first reads
-- the epoch FOR SHARE and compares it with its own: a claim cannot commit while a leader write is in
-- flight, and a leader write after a newer claim is refused. The single-node default never touches it.
CREATE TABLE cluster_leader (
  id         integer     PRIMARY KEY CHECK (id = 1),
  epoch      bigint      NOT NULL,
  node       text,
  pid        bigint,
  claimed_at timestamptz,
  renewed_at timestamptz
);
INSERT INTO cluster_leader (id, epoch) VALUES (1, 0);
