-- Search filters without reading article rows: a covering index for the date and source
-- filters (the article row's text sits before these columns), and keyword filters that
-- read their article ids in order from one index.
CREATE INDEX articles_facets ON articles(id, published, outlet, url, cited_sources);
DROP INDEX IF EXISTS article_keywords_key;
CREATE INDEX article_keywords_key ON article_keywords(key, article_id);
