-- Results taken while the watchdog warmed up (its first minute, or its first probe of a host: JIT, first
-- handshakes; probe.WarmUp, docs/SCORING.md "Warm-up"). They count for availability like any result; the
-- rollups' timing figures (p75, within_a) leave them out. Added on the partitioned parent, the column
-- reaches every day partition; a constant default rewrites nothing.
ALTER TABLE probe_result ADD COLUMN warmup boolean NOT NULL DEFAULT false;
