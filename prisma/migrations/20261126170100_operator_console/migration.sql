-- First start, the operator command and the operator console (issue #12, items 1 and 2).
-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN "organisationNumber" TEXT,
ADD COLUMN "emailDomains" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "deactivatedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_organisationNumber_key" ON "Municipality"("organisationNumber");

-- AlterTable
ALTER TABLE "User" ADD COLUMN "lastSignInAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "OperatorSetupLink" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" UUID,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OperatorSetupLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OperatorSetupLink_tokenHash_key" ON "OperatorSetupLink"("tokenHash");

-- CreateIndex
CREATE INDEX "OperatorSetupLink_userId_idx" ON "OperatorSetupLink"("userId");

-- AddForeignKey
ALTER TABLE "OperatorSetupLink" ADD CONSTRAINT "OperatorSetupLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
