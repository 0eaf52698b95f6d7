-- Change control setting: rollbacks through review (default: an emergency step without review).
ALTER TABLE "Policy" ADD COLUMN "rollbackRequiresReview" BOOLEAN NOT NULL DEFAULT false;
