-- AlterTable
ALTER TABLE "ComplianceDay" ADD COLUMN     "applianceName" TEXT NOT NULL DEFAULT '';


-- Days recorded before: the appliance's current name, where it still exists.
UPDATE "ComplianceDay" d SET "applianceName" = a.name FROM "Appliance" a WHERE a.id = d."applianceId";
