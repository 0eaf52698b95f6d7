-- CreateIndex
CREATE INDEX "Decision_source_createdAt_idx" ON "Decision"("source", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Decision_resolvedAt_createdAt_idx" ON "Decision"("resolvedAt", "createdAt");
