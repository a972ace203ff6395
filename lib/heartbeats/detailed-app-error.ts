import { AppError } from "@/lib/errors";

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
