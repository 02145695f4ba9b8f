-- Cross-article merging (analysis/incidents.py, issue 12), as SQLite's migration 009:
-- candidate blocking windows, stable ids and stale incidents.
ALTER TABLE incidents ADD COLUMN block_lo TEXT;
ALTER TABLE incidents ADD COLUMN block_hi TEXT;
ALTER TABLE incidents ADD COLUMN wide INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN members TEXT;
CREATE INDEX incidents_block ON incidents (country, wide, block_lo);
CREATE INDEX incidents_stale ON incidents (n_events);

-- An incident that loses a report is stale (n_events = -1): it is dissolved and merged again.
CREATE FUNCTION incident_member_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE incidents SET n_events = -1 WHERE id = OLD.incident_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER incident_member_removed AFTER DELETE ON incident_events
    FOR EACH ROW EXECUTE FUNCTION incident_member_removed();

UPDATE incidents SET n_events = -1;
