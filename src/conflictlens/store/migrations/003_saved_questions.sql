-- Saved analyst questions, re-run by `conflictlens watch` (analysis/watch.py).
CREATE TABLE saved_questions (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_run TEXT,
    last_key TEXT,                     -- verdict and figures of the last answer, to detect changes
    last_summary TEXT
);
