-- DropIndex
DROP INDEX "Heartbeat_observedAt_idx";

-- CreateIndex
CREATE INDEX "Heartbeat_observedAt_idx" ON "Heartbeat" USING BRIN ("observedAt");


-- Heartbeats and polls rewrite an appliance's evidence columns many times a
-- minute. Free space on each page lets PostgreSQL update the row in place (a HOT
-- update) instead of adding an entry to every index of the table. Not part of
-- the Prisma schema, which has no notion of fillfactor.
ALTER TABLE "Appliance" SET (fillfactor = 70);
