-- The vantage a probe result was taken from (docs/CLUSTER.md): every node of a cluster probes from its own
-- network and stores its results under its vantage name, and the leader's vote reads them apart. A process
-- without a cluster writes 'local', as do the rows written before this column existed. Added on the
-- partitioned parent, the column reaches every day partition; a constant default rewrites nothing.
ALTER TABLE probe_result ADD COLUMN vantage text NOT NULL DEFAULT 'local';
