/** A delivery that did not go through; `retryable` says whether trying later can help. */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  /** The target was refused by the address policy (server-side request forgery). */
  readonly refused: boolean;
  /** Events already accepted before the failure (PagerDuty sends one per alert). */
  readonly progress: number | null;

  constructor(message: string, options: { retryable: boolean; refused?: boolean; progress?: number }) {
    super(message);
    this.name = "DeliveryError";
    this.retryable = options.retryable;
    this.refused = options.refused ?? false;
    this.progress = options.progress ?? null;
  }
}
