-- CreateTable
CREATE TABLE "PublishAlert" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "before" DOUBLE PRECISION NOT NULL,
    "after" DOUBLE PRECISION NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublishAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PublishAlert_createdAt_idx" ON "PublishAlert"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PublishAlert_versionId_metric_key_key" ON "PublishAlert"("versionId", "metric", "key");
