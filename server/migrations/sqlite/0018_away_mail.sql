-- Agents' replies that reach a visitor who left. A visitor may give an address for
-- replies in the messenger, or while asking by email; a chat keeps how far its
-- replies were mailed, to whom, and the Message-ID its mail threads under.
ALTER TABLE visitors ADD COLUMN given_email TEXT;
ALTER TABLE conversations ADD COLUMN emailed_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN emailed_to TEXT;
ALTER TABLE conversations ADD COLUMN mail_thread_id TEXT;
-- Replies written before this feature existed are not mailed now.
UPDATE conversations SET emailed_seq = last_seq;
-- Chats whose newest public message is an agent's: the ones whose replies may be due.
CREATE INDEX conversations_agent_last ON conversations (updated_at) WHERE last_author = 'agent';
