-- AlterTable
ALTER TABLE "Appliance" ADD COLUMN     "lastPollProblem" TEXT;

