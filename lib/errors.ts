// Errors we expect, each mapped to one HTTP answer by lib/http. Anything else
// is logged with context and answered with a generic message.

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Headers the answer carries beside the body (Retry-After, Allow). */
  headers(): Record<string, string> {
    return {};
  }
}

/** An error answer that carries more than code, message and field (e.g. per-item errors). */
export class DetailedAppError extends AppError {
  constructor(
    message: string,
    status: number,
    code: string,
    readonly details: Record<string, unknown>,
    field?: string,
  ) {
    super(message, status, code, field);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Sign in or send a valid API token.") {
    super(message, 401, "unauthorized");
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Your role does not allow this.") {
    super(message, 403, "forbidden");
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(`${what} was not found.`, 404, "not_found");
  }
}

export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super(message, 409, "conflict", field);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, field?: string) {
    super(message, 422, "invalid", field);
  }
}

export class InvalidStateError extends AppError {
  constructor(message: string) {
    super(message, 409, "invalid_state");
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts; try again in ${retryAfterSeconds} s.`, 429, "rate_limited");
  }

  override headers(): Record<string, string> {
    return { "retry-after": String(this.retryAfterSeconds) };
  }
}

/** The database (or something else the answer needs) cannot be reached now; worth a retry. */
export class UnavailableError extends AppError {
  constructor(
    message = "The database cannot be reached right now; try again shortly.",
    readonly retryAfterSeconds = 5,
  ) {
    super(message, 503, "unavailable");
  }

  override headers(): Record<string, string> {
    return { "retry-after": String(this.retryAfterSeconds) };
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(
    method: string,
    readonly allowed: readonly string[],
  ) {
    super(`${method.slice(0, 20)} is not allowed here; use ${allowed.join(", ")}.`, 405, "method_not_allowed");
  }

  override headers(): Record<string, string> {
    return { allow: this.allowed.join(", ") };
  }
}

/** A request refused before it is looked at: its path, query or body holds bytes no field may hold. */
export class BadRequestError extends AppError {
  constructor(message: string, code: string, field?: string) {
    super(message, 400, code, field);
  }
}

/**
 * A unique-constraint clash: Prisma's P2002, or the driver adapter's error as
 * the PGlite adapter raises it (PostgreSQL SQLSTATE 23505), by code, never by text.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  if ((error as { code?: unknown }).code === "P2002") return true;
  const cause = (error as { cause?: { kind?: unknown; code?: unknown } }).cause;
  return cause?.kind === "UniqueConstraintViolation" || (cause?.kind === "postgres" && cause.code === "23505");
}
