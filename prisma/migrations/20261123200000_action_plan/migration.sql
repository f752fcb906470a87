-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "reason" TEXT;
