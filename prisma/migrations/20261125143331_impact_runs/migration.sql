-- CreateTable
CREATE TABLE "ImpactRun" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "againstVersionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "error" TEXT,
    "requestedByEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImpactRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImpactRun_versionId_createdAt_idx" ON "ImpactRun"("versionId", "createdAt");
