-- The framework version a municipality's next evaluation will use (issue #13, item 4).
-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN "nextFrameworkVersionId" UUID;

-- AddForeignKey
ALTER TABLE "Municipality" ADD CONSTRAINT "Municipality_nextFrameworkVersionId_fkey" FOREIGN KEY ("nextFrameworkVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
