-- An article's sanitised HTML, rendered once when it is saved so that views only read
-- it. NULL for rows saved before this column existed: the first view renders and
-- stores it.
ALTER TABLE articles ADD COLUMN html TEXT;
