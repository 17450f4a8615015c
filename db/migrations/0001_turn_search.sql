-- Full-text search over what a person reads in a turn (prompt, answer, tool arguments and output).
-- drizzle-kit has no FTS5 support, so this table lives in a custom migration and is written by db/queries/sessions.ts.
CREATE VIRTUAL TABLE `turn_search` USING fts5(`turn_id` UNINDEXED, `session_id` UNINDEXED, `prompt`, `response`, `tools`, tokenize = 'unicode61');
