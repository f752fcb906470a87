-- AlterEnum
ALTER TYPE "MailStatus" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "MailMessage" ADD COLUMN     "actionId" UUID,
ADD COLUMN     "kind" TEXT,
ADD COLUMN     "sendAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ReminderPolicy" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "daysBefore" INTEGER[] DEFAULT ARRAY[14, 3]::INTEGER[],
    "onDeadlineDay" BOOLEAN NOT NULL DEFAULT true,
    "lateEveryDays" INTEGER NOT NULL DEFAULT 7,
    "graceDays" INTEGER NOT NULL DEFAULT 7,
    "secondLevelDays" INTEGER NOT NULL DEFAULT 14,
    "silenceDays" INTEGER NOT NULL DEFAULT 30,
    "digestWeekday" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReminderPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReminderPolicy_municipalityId_key" ON "ReminderPolicy"("municipalityId");

-- CreateIndex
CREATE INDEX "MailMessage_actionId_idx" ON "MailMessage"("actionId");

-- AddForeignKey
ALTER TABLE "MailMessage" ADD CONSTRAINT "MailMessage_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderPolicy" ADD CONSTRAINT "ReminderPolicy_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;
