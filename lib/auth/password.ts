import bcrypt from "bcryptjs";
import { z } from "zod";

const COST = 11;

export const passwordSchema = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(200, "must be at most 200 characters");

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so both paths take the same time.
const dummyHash = bcrypt.hashSync("not a real password, only for timing", COST);
export function burnPasswordCheck(password: string): Promise<boolean> {
  return bcrypt.compare(password, dummyHash);
}
