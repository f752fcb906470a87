-- The committees and departments (nämnder och förvaltningar) a municipality keeps, and on an
-- action the one that owns it and the reference of the council decision behind it
-- (issue #14, item 5; ADR 0041).
-- CreateTable
CREATE TABLE "Committee" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Committee_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Committee_municipalityId_nameKey_key" ON "Committee"("municipalityId", "nameKey");

-- AddForeignKey
ALTER TABLE "Committee" ADD CONSTRAINT "Committee_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Action" ADD COLUMN "committeeId" UUID,
ADD COLUMN "decisionReference" TEXT;

-- CreateIndex
CREATE INDEX "Action_committeeId_idx" ON "Action"("committeeId");

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE SET NULL ON UPDATE CASCADE;
