-- A dated short status text per action (lägesbeskrivning) and the council report's cover text
-- (sammanfattning till nämnden) (issue #14, items 4 and 5; ADR 0042).
-- CreateTable
CREATE TABLE "ActionStatusNote" (
    "id" UUID NOT NULL,
    "actionId" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "authorId" UUID,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionStatusNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActionStatusNote_actionId_createdAt_idx" ON "ActionStatusNote"("actionId", "createdAt");

-- CreateIndex
CREATE INDEX "ActionStatusNote_municipalityId_createdAt_idx" ON "ActionStatusNote"("municipalityId", "createdAt");

-- AddForeignKey
ALTER TABLE "ActionStatusNote" ADD CONSTRAINT "ActionStatusNote_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionStatusNote" ADD CONSTRAINT "ActionStatusNote_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionStatusNote" ADD CONSTRAINT "ActionStatusNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "FollowUpReport" ADD COLUMN "coverText" TEXT NOT NULL DEFAULT '';
