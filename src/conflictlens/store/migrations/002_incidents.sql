-- Cross-article incidents (analysis/incidents.py): each stored event belongs to one incident.
-- The summary columns are recomputed from the member events whenever membership changes.
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    event_date TEXT,
    date_min TEXT,
    date_max TEXT,
    event_type TEXT NOT NULL DEFAULT '',
    sub_event_type TEXT NOT NULL DEFAULT '',
    actor1 TEXT NOT NULL DEFAULT '',
    actor2 TEXT NOT NULL DEFAULT '',
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    location TEXT,
    latitude REAL,
    longitude REAL,
    fatalities INTEGER NOT NULL DEFAULT 0,      -- most conservative figure of the sources
    fatalities_max INTEGER NOT NULL DEFAULT 0,
    n_events INTEGER NOT NULL DEFAULT 0,        -- member count when last summarised (mismatch = stale)
    n_articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX incidents_dates ON incidents(date_min, date_max);
CREATE INDEX incidents_event_date ON incidents(event_date);

CREATE TABLE incident_events (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE
);
CREATE INDEX incident_events_incident ON incident_events(incident_id);

-- A re-extracted event (upserted in place) leaves its incident: it is merged again on the next update.
CREATE TRIGGER incident_event_changed AFTER UPDATE ON events BEGIN
    DELETE FROM incident_events WHERE event_id = new.id;
END;
