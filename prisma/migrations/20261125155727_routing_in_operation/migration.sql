-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdByEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedByEmail" TEXT,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueCursor" (
    "queueKey" TEXT NOT NULL,
    "cursor" INTEGER NOT NULL DEFAULT 0,
    "current" JSONB,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QueueCursor_pkey" PRIMARY KEY ("queueKey")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "policyVersionId" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "policyHash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "assigneeKey" TEXT,
    "queueKey" TEXT,
    "ruleKey" TEXT,
    "intent" TEXT,
    "suppressionKey" TEXT,
    "reasonCode" TEXT,
    "slaDueAt" TIMESTAMP(3),
    "evaluatedAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "requestId" TEXT,
    "apiKeyId" TEXT,
    "accountExternalId" TEXT,
    "record" JSONB NOT NULL,
    "context" JSONB,
    "stateSnapshot" JSONB NOT NULL,
    "decision" JSONB NOT NULL,
    "currentAssigneeKey" TEXT,
    "currentQueueKey" TEXT,
    "overrideCount" INTEGER NOT NULL DEFAULT 0,
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,
    "reroutedFromId" TEXT,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "apiKeyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "decisionIds" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("apiKeyId","key")
);

-- CreateTable
CREATE TABLE "Override" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "fromAssigneeKey" TEXT,
    "fromQueueKey" TEXT,
    "toAssigneeKey" TEXT,
    "toQueueKey" TEXT,
    "reasonCode" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "byEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Override_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dispute" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "filedById" TEXT NOT NULL,
    "filedByEmail" TEXT NOT NULL,
    "filedByName" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "claimedOwnerKey" TEXT,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "resolutionNote" TEXT,
    "resolvedByEmail" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "testCaseId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dispute_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "Decision_createdAt_id_idx" ON "Decision"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Decision_currentAssigneeKey_createdAt_idx" ON "Decision"("currentAssigneeKey", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Decision_assigneeKey_createdAt_idx" ON "Decision"("assigneeKey", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Decision_queueKey_createdAt_idx" ON "Decision"("queueKey", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Decision_ruleKey_createdAt_idx" ON "Decision"("ruleKey", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Decision_kind_reasonCode_createdAt_idx" ON "Decision"("kind", "reasonCode", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Decision_policyVersionId_createdAt_idx" ON "Decision"("policyVersionId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Decision_recordId_idx" ON "Decision"("recordId");

-- CreateIndex
CREATE INDEX "Decision_accountExternalId_idx" ON "Decision"("accountExternalId");

-- CreateIndex
CREATE INDEX "Override_decisionId_idx" ON "Override"("decisionId");

-- CreateIndex
CREATE INDEX "Override_createdAt_idx" ON "Override"("createdAt");

-- CreateIndex
CREATE INDEX "Dispute_status_createdAt_idx" ON "Dispute"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Dispute_filedById_idx" ON "Dispute"("filedById");

-- CreateIndex
CREATE INDEX "Dispute_decisionId_idx" ON "Dispute"("decisionId");

-- CreateIndex
CREATE INDEX "Account_updatedAt_idx" ON "Account"("updatedAt");

-- AddForeignKey
ALTER TABLE "Override" ADD CONSTRAINT "Override_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE CASCADE ON UPDATE CASCADE;
