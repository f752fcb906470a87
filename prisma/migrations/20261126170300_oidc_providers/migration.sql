-- A municipality's own OpenID Connect provider (issue #12, item 5).
-- CreateTable
CREATE TABLE "OidcProvider" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretEncrypted" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "domains" TEXT[],
    "createMembers" BOOLEAN NOT NULL DEFAULT false,
    "newMemberRole" "Role" NOT NULL DEFAULT 'VIEWER',
    "passwordSignInDisabled" BOOLEAN NOT NULL DEFAULT false,
    "workedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OidcProvider_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OidcProvider_municipalityId_key" ON "OidcProvider"("municipalityId");

-- AddForeignKey
ALTER TABLE "OidcProvider" ADD CONSTRAINT "OidcProvider_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;
