-- Phrase search without reading every candidate's vector (issue 14): ``pairs`` holds each two
-- words at adjacent positions of ``tsv`` as one lexeme "_first second" (pg_text.document_vectors),
-- so the GIN index narrows a phrase to the articles that have its word pairs; ``tsv @@`` then
-- checks the phrase on those alone.  Existing rows get their pairs from their stored vector.
ALTER TABLE articles ADD COLUMN pairs TSVECTOR NOT NULL DEFAULT ''::tsvector;
UPDATE articles a SET pairs = coalesce((
    SELECT array_to_tsvector(array_agg(DISTINCT '_' || x.lexeme || ' ' || y.lexeme))
    FROM (SELECT lexeme, unnest(positions) AS pos FROM unnest(a.tsv)) AS x
    JOIN (SELECT lexeme, unnest(positions) AS pos FROM unnest(a.tsv)) AS y ON y.pos = x.pos + 1
), ''::tsvector);
ALTER TABLE articles ALTER COLUMN pairs DROP DEFAULT;
CREATE INDEX articles_pairs ON articles USING GIN (pairs);
-- The planner's statistics on the pairs choose between the index and the newest-rows walk.
ANALYZE articles;
