-- AlterTable
ALTER TABLE "ImpactRun" ADD COLUMN     "population" TEXT NOT NULL DEFAULT 'accounts';
