-- An existing plan brought in from a spreadsheet, kept between its steps (issue #13, item 6; ADR 0038).
-- CreateTable
CREATE TABLE "PlanImport" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "headings" TEXT[],
    "rows" JSONB NOT NULL,
    "mapping" JSONB,
    "choices" JSONB NOT NULL DEFAULT '{}',
    "confirmedAt" TIMESTAMPTZ(3),
    "createdCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlanImport_municipalityId_createdAt_idx" ON "PlanImport"("municipalityId", "createdAt");

-- CreateIndex
CREATE INDEX "PlanImport_createdById_idx" ON "PlanImport"("createdById");

-- AddForeignKey
ALTER TABLE "PlanImport" ADD CONSTRAINT "PlanImport_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanImport" ADD CONSTRAINT "PlanImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
