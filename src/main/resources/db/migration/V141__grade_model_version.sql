-- Scoring model v2 (docs/SCORING.md) adds the browser room's figures. Every recorded grade says which model
-- produced it: grades and scores of two versions are shown as they were and never compared. Rows written
-- before this migration were all model v1.
ALTER TABLE grade_history ADD COLUMN model_version integer NOT NULL DEFAULT 1 CHECK (model_version >= 1);
