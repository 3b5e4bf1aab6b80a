-- Invoice Desk, schema version 9: at most one active walk-through per user and invoice, enforced by the database,
-- so two replicas starting one for the same double click at the same instant cannot both save theirs
-- (`ChecklistStore.begin` inserts `ON CONFLICT … DO NOTHING` on this index). Duplicates such a race left before are
-- ended first: all but the most recently touched become abandoned, as an idle walk-through does.
UPDATE checklist_sessions s
SET status = 'abandoned',
  awaiting = NULL,
  doc = (s.doc - 'awaiting') || jsonb_build_object('status', 'abandoned', 'endedAt', s.doc ->> 'updatedAt', 'endReason', 'expired')
WHERE s.status = 'active'
  AND EXISTS (
    SELECT 1 FROM checklist_sessions t
    WHERE t.status = 'active' AND t.user_id = s.user_id AND t.invoice_key = s.invoice_key
      AND (t.updated_at, t.id) > (s.updated_at, s.id)
  );
CREATE UNIQUE INDEX checklist_sessions_one_active ON checklist_sessions (user_id, invoice_key) WHERE status = 'active';
DROP INDEX checklist_sessions_active;
