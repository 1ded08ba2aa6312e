-- Files' bytes leave the `files` row, so no query ever loads a whole file: in the
-- database they are `file_chunks` of 256 KiB, written and read one at a time, and in
-- configured object storage (a folder, an S3 bucket) they are objects named by
-- `files.blob_key`. A file's thumbnail (part 1) is stored beside its bytes (part 0).
CREATE TABLE file_chunks (
    file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    part    INTEGER NOT NULL CHECK (part IN (0, 1)),
    n       INTEGER NOT NULL,
    data    BLOB    NOT NULL,
    PRIMARY KEY (file_id, part, n)
);

-- The object holding the file when it is not in the database; its thumbnail is the
-- object of the same name with `.thumbnail` added.
ALTER TABLE files ADD COLUMN blob_key TEXT;
-- The type of the thumbnail; NULL when the file has none.
ALTER TABLE files ADD COLUMN thumbnail_type TEXT;
-- 0 while an upload's bytes are still arriving: such a file is nobody's to fetch or
-- attach, and the sweep deletes it if its upload never finished.
ALTER TABLE files ADD COLUMN complete INTEGER NOT NULL DEFAULT 1 CHECK (complete IN (0, 1));

WITH RECURSIVE pieces (file_id, n) AS (
    SELECT id, 0 FROM files WHERE data IS NOT NULL AND length(data) > 0
    UNION ALL
    SELECT p.file_id, p.n + 1 FROM pieces p JOIN files f ON f.id = p.file_id
    WHERE (p.n + 1) * 262144 < length(f.data)
)
INSERT INTO file_chunks (file_id, part, n, data)
    SELECT p.file_id, 0, p.n, substr(f.data, p.n * 262144 + 1, 262144) FROM pieces p JOIN files f ON f.id = p.file_id;
ALTER TABLE files DROP COLUMN data;

-- Objects whose row is gone, for the storage worker to delete: however a file goes
-- (its ticket, conversation, visitor or workspace deleted, the sweep), the row's
-- deletion queues its object in the same transaction.
CREATE TABLE deleted_blobs (
    blob_key   TEXT    NOT NULL PRIMARY KEY,
    queued_at  INTEGER NOT NULL
);
CREATE TRIGGER files_queue_blob AFTER DELETE ON files WHEN OLD.blob_key IS NOT NULL
BEGIN
    INSERT INTO deleted_blobs (blob_key, queued_at)
        VALUES (OLD.blob_key, CAST(unixepoch('subsec') * 1000 AS INTEGER))
        ON CONFLICT (blob_key) DO NOTHING;
END;

-- A visitor's uploads that nothing attached go with the visitor; what they sent stays
-- with its ticket.
CREATE TRIGGER visitors_delete_uploads BEFORE DELETE ON visitors
BEGIN
    DELETE FROM files WHERE visitor_id = OLD.id AND ticket_id IS NULL AND message_id IS NULL;
END;
