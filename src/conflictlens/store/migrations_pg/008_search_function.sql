-- Search in one round trip (issue 14): the page of a ranked search is chosen on the server, by the
-- steps PostgresStore.search took from Python before, one statement each (the planner's estimate,
-- the newest-rows walk in id ranges, the index listing, a phrase checked on its pairs' candidates
-- newest first, the rank), so a query no longer waits on 5-10 client/server exchanges, each a
-- wake-up of one process or the other on a busy machine.  The same ids in the same order as
-- before; PostgresStore.search joins the page's articles onto it and makes the snippets.
--
-- vec: the vector's condition (NULL when the pairs suffice); pairs_q: the pairs' (NULL: none);
-- since/until: ISO dates; source_like: an ILIKE pattern on source names; kw: a folded keyword;
-- win: the window of newest matches ranked (NULL: every match); the page is lim rows from off.
-- The planner settings (restored when the function returns): candidates are listed as bitmaps (an
-- ordered primary-key scan would test each row's vector from TOAST, newest first), as the walk's
-- id ranges are; no JIT (a plan with a disabled scan costs more than jit_above_cost, and compiling
-- took 27 ms of a 45 ms search).
CREATE FUNCTION conflictlens_search(
    vec tsquery, pairs_q tsquery, since text, until text, source_like text, kw text,
    rank_q tsquery, weights real[], win integer, lim integer, off integer,
    walk_share double precision, walk_rows integer, pair_windows integer
) RETURNS TABLE (id bigint, score real)
LANGUAGE plpgsql
ROWS 20
SET enable_indexscan = off
SET enable_seqscan = off
SET jit = off
SET search_path FROM CURRENT
AS $fn$
DECLARE
    cond text := '';          -- every condition, on article_terms ($1 vec ... $6 kw)
    exact text := '';         -- a phrase narrowed by its pairs: the conditions but the vector's
    source_ids bigint[];
    ids bigint[] := '{}';
    more bigint[];
    listed bigint[];
    chunk bigint[];
    n_rows double precision;
    share double precision := 0;
    rate double precision;
    plan json;
    hi bigint;
    lo bigint;
    span bigint;
    walked bigint := 0;
    bound integer;
    start integer := 1;
    step integer;
BEGIN
    IF vec IS NOT NULL THEN cond := cond || ' AND tsv @@ $1'; END IF;
    IF pairs_q IS NOT NULL THEN exact := exact || ' AND pairs @@ $2'; END IF;
    IF since IS NOT NULL THEN exact := exact || ' AND published >= $3'; END IF;
    IF until IS NOT NULL THEN exact := exact || ' AND published <= $4'; END IF;
    IF source_like IS NOT NULL THEN
        -- the matching names first (a small table): the plan then sees their ids
        source_ids := array(SELECT s.id FROM sources s WHERE s.name ILIKE source_like);
        exact := exact || ' AND article_terms.id IN (SELECT article_id FROM article_sources WHERE source_id = ANY($5))';
    END IF;
    IF kw IS NOT NULL THEN
        exact := exact || ' AND article_terms.id IN (SELECT article_id FROM article_keywords WHERE key = $6)';
    END IF;
    cond := substr(cond || exact, 6);
    exact := substr(exact, 6);

    IF win IS NOT NULL THEN
        n_rows := greatest(0, (SELECT c.reltuples FROM pg_class c WHERE c.oid = 'article_terms'::regclass));
        EXECUTE 'EXPLAIN (FORMAT JSON) SELECT id FROM article_terms WHERE ' || cond INTO plan
            USING vec, pairs_q, since, until, source_ids, kw;
        share := CASE WHEN n_rows > 0 THEN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::double precision / n_rows
                      ELSE 1 END;
    END IF;

    IF win IS NOT NULL AND share >= walk_share THEN
        -- a common query: the newest rows, walked in id ranges sized by the share of matches
        -- (the estimate, then what the walk found), at most walk_rows windows of rows
        PERFORM set_config('enable_indexscan', 'on', true);  -- the newest id, from the primary key's end
        hi := coalesce((SELECT max(t.id) FROM article_terms t), 0);
        PERFORM set_config('enable_indexscan', 'off', true);
        rate := share;
        WHILE hi > 0 AND cardinality(ids) < win AND walked < walk_rows::bigint * win LOOP
            span := least(((win - cardinality(ids)) / greatest(rate, 0.05) * 1.25)::bigint + 64,
                          walk_rows::bigint * win - walked);
            lo := greatest(0, hi - span);
            EXECUTE 'SELECT array(SELECT id FROM article_terms WHERE ' || cond ||
                    ' AND id > $7 AND id <= $8 ORDER BY id DESC LIMIT $9)' INTO more
                USING vec, pairs_q, since, until, source_ids, kw, lo, hi, win - cardinality(ids);
            ids := ids || more;
            walked := walked + (hi - lo);
            hi := lo;
            rate := cardinality(ids)::double precision / walked;
        END LOOP;
        IF hi > 0 AND cardinality(ids) < win THEN  -- the estimate was far off: the index lists the rest
            EXECUTE 'SELECT array(SELECT id FROM article_terms WHERE ' || cond ||
                    ' AND id <= $7 ORDER BY id DESC LIMIT $8)' INTO more
                USING vec, pairs_q, since, until, source_ids, kw, hi, win - cardinality(ids);
            ids := ids || more;
        END IF;
    ELSIF win IS NOT NULL AND vec IS NOT NULL AND pairs_q IS NOT NULL THEN
        -- a phrase narrowed by its pairs: its candidates newest first, their vectors read in chunks
        -- sized by the share that matched so far (about win of them when nearly all match)
        bound := pair_windows * win;
        EXECUTE 'SELECT array(SELECT id FROM article_terms WHERE ' || exact || ' ORDER BY id DESC LIMIT $7)'
            INTO listed USING vec, pairs_q, since, until, source_ids, kw, bound;
        rate := 1;
        WHILE cardinality(ids) < win LOOP
            IF start > cardinality(listed) THEN
                EXIT WHEN cardinality(listed) < bound;
                EXECUTE 'SELECT array(SELECT id FROM article_terms WHERE ' || exact ||
                        ' AND id < $7 ORDER BY id DESC)' INTO more
                    USING vec, pairs_q, since, until, source_ids, kw, listed[cardinality(listed)];
                listed := listed || more;
                bound := cardinality(listed) + 1;
                CONTINUE;
            END IF;
            step := ((win - cardinality(ids)) / greatest(rate, 0.05) * 1.1)::integer + 16;
            chunk := listed[start:start + step - 1];
            -- IS TRUE: no index condition, so each candidate's own vector is tested (the GIN
            -- index would recheck every article with the phrase's words)
            ids := ids || array(SELECT t.id FROM article_terms t
                                WHERE t.id = ANY(chunk) AND (t.tsv @@ vec) IS TRUE ORDER BY t.id DESC);
            start := start + cardinality(chunk);
            rate := cardinality(ids)::double precision / (start - 1);
        END LOOP;
        ids := ids[1:win];
    ELSE
        EXECUTE 'SELECT array(SELECT id FROM article_terms WHERE ' || cond || ' ORDER BY id DESC LIMIT $7)'
            INTO ids USING vec, pairs_q, since, until, source_ids, kw, win;
    END IF;

    RETURN QUERY SELECT t.id, ts_rank(weights, t.tsv, rank_q) FROM article_terms t
        WHERE t.id = ANY(ids) ORDER BY 2 DESC, 1 DESC LIMIT lim OFFSET off;
END
$fn$;
