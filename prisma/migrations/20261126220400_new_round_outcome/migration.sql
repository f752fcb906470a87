-- A new round closes the old one (issue #13, item 5; ADR 0037): saved projections, carried-over
-- actions and the choice of the municipality's own likelihood weights.

-- AlterTable
ALTER TABLE "ImprovementItem" ADD COLUMN "carriedFromId" UUID;

-- CreateTable
CREATE TABLE "ProjectionSnapshot" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "evaluationId" UUID NOT NULL,
    "plannedDate" DATE NOT NULL,
    "savedAtImport" BOOLEAN NOT NULL DEFAULT false,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectionSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionCarryOver" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "actionId" UUID NOT NULL,
    "fromEvaluationId" UUID NOT NULL,
    "toEvaluationId" UUID NOT NULL,
    "previousLinks" JSONB NOT NULL,
    "unmatchedCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionCarryOver_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OwnLikelihoodWeights" (
    "municipalityId" UUID NOT NULL,
    "chosenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OwnLikelihoodWeights_pkey" PRIMARY KEY ("municipalityId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProjectionSnapshot_round_key" ON "ProjectionSnapshot"("municipalityId", "evaluationId", "plannedDate");

-- CreateIndex
CREATE INDEX "ProjectionSnapshot_evaluationId_idx" ON "ProjectionSnapshot"("evaluationId");

-- CreateIndex
CREATE UNIQUE INDEX "ActionCarryOver_actionId_toEvaluationId_key" ON "ActionCarryOver"("actionId", "toEvaluationId");

-- CreateIndex
CREATE INDEX "ActionCarryOver_toEvaluationId_idx" ON "ActionCarryOver"("toEvaluationId");

-- CreateIndex
CREATE INDEX "ActionCarryOver_fromEvaluationId_idx" ON "ActionCarryOver"("fromEvaluationId");

-- AddForeignKey
ALTER TABLE "ImprovementItem" ADD CONSTRAINT "ImprovementItem_carriedFromId_fkey" FOREIGN KEY ("carriedFromId") REFERENCES "ImprovementItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectionSnapshot" ADD CONSTRAINT "ProjectionSnapshot_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectionSnapshot" ADD CONSTRAINT "ProjectionSnapshot_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionCarryOver" ADD CONSTRAINT "ActionCarryOver_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionCarryOver" ADD CONSTRAINT "ActionCarryOver_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionCarryOver" ADD CONSTRAINT "ActionCarryOver_fromEvaluationId_fkey" FOREIGN KEY ("fromEvaluationId") REFERENCES "Evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionCarryOver" ADD CONSTRAINT "ActionCarryOver_toEvaluationId_fkey" FOREIGN KEY ("toEvaluationId") REFERENCES "Evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OwnLikelihoodWeights" ADD CONSTRAINT "OwnLikelihoodWeights_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;
