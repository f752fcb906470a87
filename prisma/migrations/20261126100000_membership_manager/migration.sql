-- A person's manager is per municipality (issue #10, item 7): stored once on the user, another
-- municipality could name its own member as the manager and receive this municipality's escalations.
ALTER TABLE "Membership" ADD COLUMN "managerId" UUID;

-- Keep every existing manager who is a member of the same municipality as the person; a manager
-- from another municipality was never valid there.
UPDATE "Membership" m
   SET "managerId" = u."managerId"
  FROM "User" u
 WHERE u."id" = m."userId"
   AND u."managerId" IS NOT NULL
   AND EXISTS (SELECT 1 FROM "Membership" mm WHERE mm."userId" = u."managerId" AND mm."municipalityId" = m."municipalityId");

ALTER TABLE "User" DROP CONSTRAINT "User_managerId_fkey";
ALTER TABLE "User" DROP COLUMN "managerId";

ALTER TABLE "Membership" ADD CONSTRAINT "Membership_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Invitation links a municipality issued for an account that already belonged to another
-- municipality (issue #10, item 1) are void: only the account's first municipality may set its password.
DELETE FROM "Invitation" i
 WHERE i."acceptedAt" IS NULL
   AND EXISTS (
     SELECT 1
       FROM "Membership" own
       JOIN "Membership" other ON other."userId" = own."userId" AND other."municipalityId" <> own."municipalityId"
      WHERE own."userId" = i."userId" AND own."municipalityId" = i."municipalityId" AND other."createdAt" <= own."createdAt");

-- Session ids are now stored only as SHA-256 hashes (issue #10, item 13). Rows holding a raw id
-- could sign in whoever reads them and no longer match any cookie: everyone signs in once more.
DELETE FROM "Session";
