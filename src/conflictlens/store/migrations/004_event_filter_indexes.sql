-- Case-insensitive indexes for the event filters (type, sub-type, country, admin1).
DROP INDEX IF EXISTS events_type;
DROP INDEX IF EXISTS events_country_admin1;
CREATE INDEX events_type ON events(event_type COLLATE NOCASE, event_date);
CREATE INDEX events_sub_type ON events(sub_event_type COLLATE NOCASE, event_date);
CREATE INDEX events_country_admin1 ON events(country COLLATE NOCASE, admin1 COLLATE NOCASE, event_date);
