-- Prefix indexes (2 and 3 characters) so that short prefix queries ("kil*") stay fast.
DROP TRIGGER articles_ai;
DROP TRIGGER articles_ad;
DROP TRIGGER articles_au;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, keywords, folded,
    content='articles', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    prefix='2 3'
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
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
