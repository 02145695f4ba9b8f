-- Search reads a narrow table (issue 14): listing a query's articles visits one heap row per
-- match, and an article row (its text inline) fills a page of its own, so 100k of them do not
-- stay in shared buffers.  ``article_terms`` holds what search needs: the id, the date filter's
-- ``published``, the vector and the phrase pairs (both in TOAST, read only for phrases and ranking).
CREATE TABLE article_terms (
    id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    published TEXT,
    tsv TSVECTOR NOT NULL,             -- pg_text.document_vectors: title A, keywords B, folded C, text D
    pairs TSVECTOR NOT NULL            -- adjacent word pairs of tsv, "_first second" (migration 006)
);
INSERT INTO article_terms (id, published, tsv, pairs) SELECT id, published, tsv, pairs FROM articles;
CREATE INDEX article_terms_tsv ON article_terms USING GIN (tsv);
CREATE INDEX article_terms_pairs ON article_terms USING GIN (pairs);
CREATE INDEX article_terms_published ON article_terms (published, id);
DROP INDEX articles_tsv;
DROP INDEX articles_pairs;
ALTER TABLE articles DROP COLUMN tsv;
ALTER TABLE articles DROP COLUMN pairs;
ANALYZE article_terms;
