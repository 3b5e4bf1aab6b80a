-- Invoice Desk, schema version 8: scheduled work is leased rather than claimed for good. A claim records who runs
-- which slot until when (`lease_*`), and `value` (the last completed slot) moves only once the work succeeded, so a
-- replica that dies mid-job leaves the slot to the others when its lease expires. `lease_steps` are the steps a
-- holder finished (one message to one recipient), so a retry only does the rest. A row created by a claim has no
-- completed slot yet, hence `value` may be NULL; the previous release's claims still work on this shape.
ALTER TABLE schedules ALTER COLUMN value DROP NOT NULL;
ALTER TABLE schedules
  ADD COLUMN lease_value text,
  ADD COLUMN lease_owner text,
  ADD COLUMN lease_until timestamptz,
  ADD COLUMN lease_steps text[] NOT NULL DEFAULT '{}';
