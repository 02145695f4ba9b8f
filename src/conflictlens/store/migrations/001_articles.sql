-- Articles, their full-text index and their events.
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    text TEXT NOT NULL,
    folded TEXT NOT NULL,              -- transliteration-folded title + text + keywords, for search
    published TEXT,                    -- YYYY-MM-DD or NULL
    published_from TEXT NOT NULL DEFAULT 'none',
    outlet TEXT,
    cited_sources TEXT NOT NULL DEFAULT '[]',   -- JSON list
    language TEXT,
    keywords TEXT NOT NULL DEFAULT '',          -- one keyword a line, for FTS
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);

CREATE TABLE article_keywords (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    keyword TEXT NOT NULL,
    key TEXT NOT NULL,                 -- folded form, for filtering and counting
    rank INTEGER NOT NULL,
    PRIMARY KEY (article_id, key)
);
CREATE INDEX article_keywords_key ON article_keywords(key);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, keywords, folded,
    content='articles', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text, keywords, folded)
    VALUES (new.id, new.title, new.text, new.keywords, new.folded);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, keywords, folded)
    VALUES ('delete', old.id, old.title, old.text, old.keywords, old.folded);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, keywords, folded)
    VALUES ('delete', old.id, old.title, old.text, old.keywords, old.folded);
    INSERT INTO articles_fts(rowid, title, text, keywords, folded)
    VALUES (new.id, new.title, new.text, new.keywords, new.folded);
END;

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_key TEXT NOT NULL,
    event_date TEXT,
    date_precision TEXT NOT NULL DEFAULT 'day',
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    actor1 TEXT NOT NULL,
    assoc_actor_1 TEXT NOT NULL DEFAULT '',
    inter1 INTEGER,
    actor2 TEXT NOT NULL DEFAULT '',
    assoc_actor_2 TEXT NOT NULL DEFAULT '',
    inter2 INTEGER,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    admin3 TEXT,
    location TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    geonameid INTEGER,
    fatalities INTEGER NOT NULL DEFAULT 0,
    injured INTEGER,
    notes TEXT NOT NULL DEFAULT '',
    place_json TEXT,                   -- the full resolved Place (candidates, reason)
    evidence_json TEXT NOT NULL DEFAULT '[]',
    UNIQUE (article_id, event_key)
);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_type ON events(event_type);
CREATE INDEX events_country_admin1 ON events(country, admin1);
CREATE INDEX events_latlon ON events(latitude, longitude);
CREATE INDEX events_actor1 ON events(actor1 COLLATE NOCASE);
