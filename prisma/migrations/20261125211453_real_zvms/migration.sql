-- Real ZVMs (issue 9). Sign-in methods become text so that the five choices
-- read the same in the database, the API, the CLI and CSV imports; the values
-- already stored are kept.
ALTER TABLE "Appliance"
  ALTER COLUMN "authScheme" DROP DEFAULT,
  ALTER COLUMN "authScheme" TYPE TEXT USING "authScheme"::text,
  ALTER COLUMN "authScheme" SET DEFAULT 'auto',
  ALTER COLUMN "authSchemeDetected" TYPE TEXT USING "authSchemeDetected"::text;

DROP TYPE "AuthScheme";

ALTER TABLE "Appliance"
  ADD CONSTRAINT "Appliance_authScheme_check"
    CHECK ("authScheme" IN ('auto', 'windows', 'windows-local', 'linux', 'linux-client')),
  ADD CONSTRAINT "Appliance_authSchemeDetected_check"
    CHECK ("authSchemeDetected" IN ('windows', 'windows-local', 'linux', 'linux-client'));

-- VRA Status is an install state, not a connection state: the old count of
-- VRAs "not connected" was a count of VRAs not in state Installed, and goes.
ALTER TABLE "Appliance" DROP COLUMN "vraNotConnected",
ADD COLUMN     "pollWarnings" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "sendForbiddenAt" TIMESTAMPTZ(3),
ADD COLUMN     "vraConnectionAlerts" INTEGER,
ADD COLUMN     "vraStates" JSONB;

-- CreateTable
CREATE TABLE "AlertSighting" (
    "applianceId" UUID NOT NULL,
    "helpIdentifier" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "active" BOOLEAN NOT NULL,

    CONSTRAINT "AlertSighting_pkey" PRIMARY KEY ("applianceId","helpIdentifier","entity","level")
);

-- CreateIndex
CREATE INDEX "AlertSighting_lastSeenAt_idx" ON "AlertSighting"("lastSeenAt");

-- AddForeignKey
ALTER TABLE "AlertSighting" ADD CONSTRAINT "AlertSighting_applianceId_fkey" FOREIGN KEY ("applianceId") REFERENCES "Appliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Stored settings keep their alert patterns; add the billing help identifiers
-- of Zerto's public alert catalogue (LIC0012, LIC0013, LIC0021, LIC0022) that
-- the defaults now carry, so an upgraded installation recognises them too.
UPDATE "Setting" SET "value" = jsonb_set(
  "value",
  '{alertPatterns,billingHelpIdentifiers}',
  COALESCE("value"->'alertPatterns'->'billingHelpIdentifiers', '[]'::jsonb) || (
    SELECT COALESCE(jsonb_agg(id), '[]'::jsonb)
    FROM unnest(ARRAY['LIC0012', 'LIC0013', 'LIC0021', 'LIC0022']) AS id
    WHERE NOT EXISTS (
      SELECT 1 FROM jsonb_array_elements_text(COALESCE("value"->'alertPatterns'->'billingHelpIdentifiers', '[]'::jsonb)) AS known
      WHERE upper(known) = id
    )
  )
)
WHERE "key" = 'settings' AND jsonb_typeof("value"->'alertPatterns') = 'object';
