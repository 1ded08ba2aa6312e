-- The inbox's search, indexed: a case-insensitive substring of a message's text or of
-- the visitor's name, email or identity is found through trigram indexes instead of a
-- scan of every message. SQLite keeps FTS5 tables with the trigram tokenizer beside
-- `messages` and `visitors` (external content: the text is not stored twice), kept up
-- to date by triggers. A search of one or two characters cannot use trigrams and scans.
CREATE VIRTUAL TABLE message_search USING fts5(
    body, content = 'messages', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO message_search (rowid, body) SELECT id, body FROM messages;
CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_search (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
    INSERT INTO message_search (message_search, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER message_search_update AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO message_search (message_search, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO message_search (rowid, body) VALUES (new.id, new.body);
END;

CREATE VIRTUAL TABLE visitor_search USING fts5(
    identity, verified_email, verified_name, content = 'visitors', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO visitor_search (rowid, identity, verified_email, verified_name)
    SELECT id, identity, verified_email, verified_name FROM visitors;
CREATE TRIGGER visitor_search_insert AFTER INSERT ON visitors BEGIN
    INSERT INTO visitor_search (rowid, identity, verified_email, verified_name)
        VALUES (new.id, new.identity, new.verified_email, new.verified_name);
END;
CREATE TRIGGER visitor_search_delete AFTER DELETE ON visitors BEGIN
    INSERT INTO visitor_search (visitor_search, rowid, identity, verified_email, verified_name)
        VALUES ('delete', old.id, old.identity, old.verified_email, old.verified_name);
END;
CREATE TRIGGER visitor_search_update AFTER UPDATE OF identity, verified_email, verified_name ON visitors BEGIN
    INSERT INTO visitor_search (visitor_search, rowid, identity, verified_email, verified_name)
        VALUES ('delete', old.id, old.identity, old.verified_email, old.verified_name);
    INSERT INTO visitor_search (rowid, identity, verified_email, verified_name)
        VALUES (new.id, new.identity, new.verified_email, new.verified_name);
END;
