-- The language and IANA time zone a visitor's messenger reported with its page context,
-- so what the server writes to them (system messages in the chat, replies mailed while
-- they are away, the mail of a chat handed off to a ticket) is in their words and zone.
-- Only shipped locales and zones the server's time zone database knows are kept.
ALTER TABLE visitors ADD COLUMN locale TEXT;
ALTER TABLE visitors ADD COLUMN time_zone TEXT;
