-- Housekeeping (db/housekeeping.py): the per-recipient deliveries of a broadcast
-- finished long ago are deleted; its outcome stays on the message row. The totals
-- count people by their worst part, as the sender's report does (db/outbox.py summary).
ALTER TABLE outbox_messages ADD COLUMN total_recipients INTEGER;
ALTER TABLE outbox_messages ADD COLUMN total_sent INTEGER;
ALTER TABLE outbox_messages ADD COLUMN total_blocked INTEGER;
ALTER TABLE outbox_messages ADD COLUMN total_failed INTEGER;
ALTER TABLE outbox_messages ADD COLUMN total_ambiguous INTEGER;
ALTER TABLE outbox_messages ADD COLUMN total_cancelled INTEGER;
-- Set when the totals were written; its deliveries are then deleted in small batches.
ALTER TABLE outbox_messages ADD COLUMN deliveries_pruned_at TEXT;
-- Finished messages by the time they finished, for the daily pruning.
CREATE INDEX outbox_messages_finished ON outbox_messages(finished_at) WHERE finished_at IS NOT NULL;
