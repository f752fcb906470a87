-- The calendar feed's secret sealed with DATA_ENCRYPTION_KEY, so its owner can see the address
-- again without renewing it (issue #14 item 9; ADR 0045). The hash in "calendarToken" stays the
-- lookup; addresses made before this have no sealed copy and must be renewed to be shown.
-- AlterTable
ALTER TABLE "User" ADD COLUMN "calendarTokenSealed" TEXT;
