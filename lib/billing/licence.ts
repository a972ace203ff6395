import type { ApplianceRole, LicenceClass, StatusReason } from "./types";

// Compared after lower-casing and dropping everything but letters and digits,
// so "CloudOneToMany", "Cloud One-To-Many" and "CLOUD_1_TO_MANY" are one licence.
const PRODUCTION_CLOUD = /^(?:zerto)?cloud(?:onetomany|1tomany|1tom|otm)?(?:licen[cs]e)?$/;
const TRIAL = /trial|eval/;
const NFR = /nfr|notforresale/;

export function classifyLicence(licenseType: string | null | undefined): LicenceClass {
  const normalised = (licenseType ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
  if (normalised === "") return "unknown";
  if (NFR.test(normalised)) return "nfr";
  if (TRIAL.test(normalised)) return "trial";
  if (PRODUCTION_CLOUD.test(normalised)) return "production-cloud";
  return "other";
}

/** Only production cloud licences send usage; an unread licence is assumed to. */
export function licenceSendsUsage(licenceClass: LicenceClass): boolean {
  return licenceClass === "production-cloud" || licenceClass === "unknown";
}

export function isProductionMisfit(role: ApplianceRole, licenceClass: LicenceClass): boolean {
  return role === "production" && (licenceClass === "trial" || licenceClass === "nfr");
}

export function assessLicenceFit(role: ApplianceRole, licenceClass: LicenceClass): StatusReason | null {
  if (isProductionMisfit(role, licenceClass)) {
    const name = licenceClass === "nfr" ? "a Not-For-Resale (NFR)" : "a trial";
    return {
      code: "licence-misfit",
      severity: "warning",
      message: `Production appliance carries ${name} licence: it sends no usage data. Apply the cloud production licence.`,
    };
  }
  if (role === "test" && licenceClass === "production-cloud") {
    return {
      code: "licence-misfit",
      severity: "warning",
      message:
        "Test appliance carries a cloud production licence: its usage is billed. Test sites should carry an NFR licence.",
    };
  }
  if (role === "test" && licenceClass === "trial") {
    return {
      code: "licence-trial-on-test",
      severity: "info",
      message: "Test appliance carries a trial licence, which expires. Test sites should carry an NFR licence.",
    };
  }
  return null;
}
