-- Country filters ordered by date without a sort.
CREATE INDEX events_country_date ON events(country COLLATE NOCASE, event_date);
