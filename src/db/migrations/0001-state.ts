import type { Migration } from '../migrate.js';

/**
 * The state several bot processes share (DATABASE_URL): the digest's posted-state with its claims,
 * topic watches (what was posted where, claimed the same way), feedback, thread contexts, Teams conversation references and the feedback key.
 * Times compared as strings (ISO days and instants) are `COLLATE "C"`, so they order as JavaScript
 * compares them whatever the database's collation (a locale collation skips the punctuation).
 */
export const STATE_MIGRATION: Migration = {
  version: 1,
  name: 'shared state: digest posts, watches, feedback, thread contexts, Teams conversations',
  sql: `
CREATE TABLE digest_days (
  day text COLLATE "C" PRIMARY KEY,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE TABLE digest_posts (
  day text COLLATE "C" NOT NULL,
  channel text NOT NULL,
  claimed_by text NOT NULL,
  claimed_until timestamptz NOT NULL,
  posted_at timestamptz,
  PRIMARY KEY (day, channel)
);
CREATE TABLE digest_records (
  day text COLLATE "C" PRIMARY KEY,
  meetings jsonb NOT NULL,
  items jsonb NOT NULL
);

CREATE SEQUENCE topic_watches_seq;
CREATE TABLE topic_watches (
  platform text NOT NULL,
  channel text NOT NULL,
  topic_key text NOT NULL,
  topic text NOT NULL,
  created_at text NOT NULL,
  seq bigint NOT NULL DEFAULT nextval('topic_watches_seq'),
  PRIMARY KEY (platform, channel, topic_key)
);
CREATE TABLE watch_posted (
  platform text NOT NULL,
  channel text NOT NULL,
  item_id text NOT NULL,
  claimed_by text,
  claimed_until timestamptz,
  posted_at timestamptz,
  PRIMARY KEY (platform, channel, item_id)
);
CREATE TABLE watch_checked_material (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  keys jsonb NOT NULL
);

CREATE SEQUENCE feedback_votes_seq;
CREATE TABLE feedback_votes (
  id bigint PRIMARY KEY DEFAULT nextval('feedback_votes_seq'),
  answer_key text NOT NULL UNIQUE,
  at text COLLATE "C" NOT NULL,
  vote jsonb NOT NULL
);
CREATE INDEX feedback_votes_at ON feedback_votes (at);
CREATE TABLE feedback_unanswered (
  id bigserial PRIMARY KEY,
  at text COLLATE "C" NOT NULL,
  entry jsonb NOT NULL
);
CREATE INDEX feedback_unanswered_at ON feedback_unanswered (at);

CREATE SEQUENCE thread_contexts_seq;
CREATE TABLE thread_contexts (
  thread_key text PRIMARY KEY,
  answered_at timestamptz NOT NULL,
  seq bigint NOT NULL,
  context jsonb NOT NULL
);
CREATE INDEX thread_contexts_seq_index ON thread_contexts (seq);
CREATE INDEX thread_contexts_answered_at ON thread_contexts (answered_at);

CREATE TABLE teams_conversations (
  id text PRIMARY KEY,
  conversation jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE moedebot_secrets (
  name text PRIMARY KEY,
  value text NOT NULL
);
`,
};
