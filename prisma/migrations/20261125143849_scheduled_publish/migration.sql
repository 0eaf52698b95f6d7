-- AlterTable
ALTER TABLE "PolicyVersion" ADD COLUMN     "publishAt" TIMESTAMP(3),
ADD COLUMN     "scheduledById" TEXT;
