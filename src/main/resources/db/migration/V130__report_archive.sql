-- Monthly reports (docs/REPORTS.md). A closed month's report is archived once, as the JSON its pages,
-- CSV and PDF are rendered from (portal names, owners and targets as they were), so a past month is
-- reproduced byte for byte after the fleet file changed or a province merged. Never updated.
CREATE TABLE report_archive (
  month       text        PRIMARY KEY CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  fleet_name  text        NOT NULL,
  data        text        NOT NULL,  -- text, not jsonb: the bytes are kept as written
  archived_at timestamptz NOT NULL DEFAULT now()
);

-- Which scoring criteria moved in a confirmed grade change ([{id, before, after}], largest move first),
-- so the report can explain a month's grade drift. Null on rows written before this migration.
ALTER TABLE grade_history ADD COLUMN moved jsonb;
