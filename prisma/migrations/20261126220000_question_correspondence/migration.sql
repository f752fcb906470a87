-- How sub-questions of one framework version correspond to another's (issue #13, item 4).
-- CreateTable
CREATE TABLE "QuestionCorrespondence" (
    "id" UUID NOT NULL,
    "municipalityId" UUID,
    "fromQuestionId" UUID NOT NULL,
    "toQuestionId" UUID NOT NULL,
    "share" DECIMAL(5,4) NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuestionCorrespondence_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "QuestionCorrespondence_share_check" CHECK ("share" > 0 AND "share" <= 1)
);

-- CreateIndex
CREATE UNIQUE INDEX "QuestionCorrespondence_pair_key" ON "QuestionCorrespondence"("municipalityId", "fromQuestionId", "toQuestionId");

-- CreateIndex
CREATE INDEX "QuestionCorrespondence_fromQuestionId_idx" ON "QuestionCorrespondence"("fromQuestionId");

-- CreateIndex
CREATE INDEX "QuestionCorrespondence_toQuestionId_idx" ON "QuestionCorrespondence"("toQuestionId");

-- AddForeignKey
ALTER TABLE "QuestionCorrespondence" ADD CONSTRAINT "QuestionCorrespondence_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionCorrespondence" ADD CONSTRAINT "QuestionCorrespondence_fromQuestionId_fkey" FOREIGN KEY ("fromQuestionId") REFERENCES "FrameworkQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionCorrespondence" ADD CONSTRAINT "QuestionCorrespondence_toQuestionId_fkey" FOREIGN KEY ("toQuestionId") REFERENCES "FrameworkQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionCorrespondence" ADD CONSTRAINT "QuestionCorrespondence_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
