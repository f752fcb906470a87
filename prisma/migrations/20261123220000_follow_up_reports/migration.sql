-- CreateTable
CREATE TABLE "FollowUpReport" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "asOf" DATE NOT NULL,
    "snapshot" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUpReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FollowUpReport_municipalityId_createdAt_idx" ON "FollowUpReport"("municipalityId", "createdAt");

-- AddForeignKey
ALTER TABLE "FollowUpReport" ADD CONSTRAINT "FollowUpReport_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpReport" ADD CONSTRAINT "FollowUpReport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
