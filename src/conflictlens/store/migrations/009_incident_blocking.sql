-- Cross-article merging (analysis/incidents.py, issue 12): candidate blocking and stable ids.
-- block_lo/block_hi: the days the incident's reports' date windows cover (an undated report's
-- window ends on its article's publication or ingest day); wide = 1 when that span is more than
-- a few days (month-precision or undated reports), looked up with a wider reach.
ALTER TABLE incidents ADD COLUMN block_lo TEXT;
ALTER TABLE incidents ADD COLUMN block_hi TEXT;
ALTER TABLE incidents ADD COLUMN wide INTEGER NOT NULL DEFAULT 0;
-- the member event ids (sorted, comma-separated) the incident was last summarised with: an
-- incident re-formed with exactly these members takes this id back
ALTER TABLE incidents ADD COLUMN members TEXT;
CREATE INDEX incidents_block ON incidents(country, wide, block_lo);
CREATE INDEX incidents_stale ON incidents(n_events);

-- An incident that loses a report is stale (n_events = -1): it is dissolved and merged again.
CREATE TRIGGER incident_member_removed AFTER DELETE ON incident_events BEGIN
    UPDATE incidents SET n_events = -1 WHERE id = old.incident_id;
END;

-- Incidents merged under the earlier rules are merged again under the new ones.
UPDATE incidents SET n_events = -1;
