-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "shadowRunId" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "monitorThresholds" JSONB;

-- AlterTable
ALTER TABLE "Policy" ADD COLUMN     "shadowRunId" TEXT;

-- CreateTable
CREATE TABLE "ShadowRun" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "startedByEmail" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),
    "stoppedByEmail" TEXT,
    "stopReason" TEXT,

    CONSTRAINT "ShadowRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShadowDiff" (
    "decisionId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,
    "liveDecision" JSONB NOT NULL,
    "shadowDecision" JSONB NOT NULL,

    CONSTRAINT "ShadowDiff_pkey" PRIMARY KEY ("decisionId")
);

-- CreateIndex
CREATE INDEX "ShadowRun_versionId_startedAt_idx" ON "ShadowRun"("versionId", "startedAt");

-- CreateIndex
CREATE INDEX "ShadowDiff_runId_createdAt_idx" ON "ShadowDiff"("runId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_shadowRunId_idx" ON "Decision"("shadowRunId");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_shadowRunId_key" ON "Policy"("shadowRunId");

