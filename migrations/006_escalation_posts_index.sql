-- Invoice Desk, schema version 6: a reply in any thread the bot can see asks which escalation was posted there
-- (`EscalationStore.byPost`, `doc->'posts' @> '[{"channel": …, "ts": …}]'`); without this index that reads every
-- escalation ever filed. jsonb_path_ops: the index answers exactly this containment, and is the smaller kind.
CREATE INDEX escalations_posts ON escalations USING gin ((doc -> 'posts') jsonb_path_ops);
