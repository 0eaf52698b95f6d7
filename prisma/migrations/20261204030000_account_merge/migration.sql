-- Duplicate accounts: one marked the primary, the others merged into it (routing matches the primary).
ALTER TABLE "Account" ADD COLUMN "mergedIntoId" TEXT;
CREATE INDEX "Account_mergedIntoId_idx" ON "Account"("mergedIntoId");
ALTER TABLE "Account" ADD CONSTRAINT "Account_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;
