-- The language an agent's console last spoke to the server (its Accept-Language when it
-- signed in or started), so mail to the agent (the alert about a waiting chat) is in it.
-- Only shipped locales are kept; NULL until the console has said.
ALTER TABLE agents ADD COLUMN locale TEXT;
