-- A saved report's snapshot is written once and always read whole (the report page, its
-- downloads, the next report's comparison), never searched inside. Stored as json it is sent as
-- it was written; as jsonb PostgreSQL rebuilt its ~115 kB of text from the binary form on every
-- read, about 1 ms a snapshot and two snapshots a report page (ADR 0046).
-- AlterTable
ALTER TABLE "FollowUpReport" ALTER COLUMN "snapshot" TYPE JSON USING "snapshot"::json;
