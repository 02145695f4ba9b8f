-- Source filters (search --source S) from a small table of distinct source names: each
-- article's outlet, the sources it cites and the host of its URL.  The filter looks S up
-- in the few thousand names (a substring, any case), then takes their articles from
-- article_sources, instead of testing every matching article row.
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE article_sources (
    source_id INTEGER NOT NULL REFERENCES sources(id),
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (source_id, article_id)
) WITHOUT ROWID;
CREATE INDEX article_sources_article ON article_sources(article_id);
-- Existing articles: outlets, cited sources (a JSON list), URL hosts (lower case, no port, no "www.").
CREATE TEMP TABLE _names AS
    SELECT id AS article_id, trim(outlet, ' ' || char(9, 10, 13)) AS name FROM articles
          WHERE trim(coalesce(outlet, ''), ' ' || char(9, 10, 13)) != ''
    UNION SELECT articles.id, trim(j.value, ' ' || char(9, 10, 13)) FROM articles, json_each(articles.cited_sources) AS j
          WHERE json_valid(articles.cited_sources) AND trim(coalesce(j.value, ''), ' ' || char(9, 10, 13)) != ''
    UNION SELECT id, host FROM (
        SELECT id, CASE WHEN substr(h, 1, 4) = 'www.' THEN substr(h, 5) ELSE h END AS host FROM (
            SELECT id, lower(CASE WHEN instr(hp, ':') > 0 THEN substr(hp, 1, instr(hp, ':') - 1) ELSE hp END) AS h
            FROM (SELECT id, substr(authority, instr(authority, '@') + 1) AS hp  -- no user info
                  FROM (SELECT id, substr(rest, 1, instr(rest || '/', '/') - 1) AS authority  -- up to / ? #
                        FROM (SELECT id, replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') AS rest
                              FROM articles
                        WHERE lower(substr(url, 1, 7)) = 'http://' OR lower(substr(url, 1, 8)) = 'https://')))))
        WHERE host != '';
INSERT OR IGNORE INTO sources (name) SELECT DISTINCT name FROM _names;
INSERT OR IGNORE INTO article_sources (source_id, article_id)
    SELECT s.id, n.article_id FROM _names n JOIN sources s ON s.name = n.name;
DROP TABLE _names;
