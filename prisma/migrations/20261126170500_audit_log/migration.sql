-- The audit log names its events `<subject>.<what>` (docs/decisions/0031-audit-log.md): the
-- membership events recorded so far become `membership.*` about the person (entityType "User").
UPDATE "AuditEvent"
   SET "event" = 'membership.' || "event", "entityType" = 'User'
 WHERE "entityType" = 'Membership' AND "event" IN ('invited', 'reinvited', 'role-changed', 'removed');

-- CreateIndex: the operator's log of every municipality, newest first.
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");
