// A credential obtained from Umami (login token, share token), shared by every viewer.
// Obtaining it is single-flight: concurrent first requests, and concurrent 401s on the same
// token, cause exactly one login. And rare: at most one login (the first included), and one failed
// attempt, per `minIntervalMs`, so requests Umami refuses (30 unknown ids) cannot each cause a login.

/** Umami's tokens live for hours: a token renewed this recently is not the problem. */
export const RENEW_MIN_INTERVAL_MS = 30_000;

export type Credential<T> = {
  /** The current value, obtaining it first if there is none. */
  get(): Promise<T>;
  /**
   * Called after Umami rejected `rejected`: obtains a new value, unless another caller already
   * replaced it (then that one is returned) or is replacing it (then that call is awaited).
   * Null when a value was obtained (first or renewed) within the interval: the refusal is about
   * the request, not the credential.
   */
  renew(rejected: T): Promise<T | null>;
};

export function createCredential<T>(
  obtain: () => Promise<T>,
  { now = Date.now, minIntervalMs = RENEW_MIN_INTERVAL_MS }: { now?: () => number; minIntervalMs?: number } = {},
): Credential<T> {
  let current: T | null = null;
  let pending: Promise<T> | null = null;
  let obtainedAt = Number.NEGATIVE_INFINITY;
  let failure: { at: number; error: unknown } | null = null;

  const recent = (at: number) => now() - at < minIntervalMs;

  const start = (): Promise<T> => {
    // A refused login is not retried for every request that needs it.
    if (failure && recent(failure.at)) return Promise.reject(failure.error);
    pending ??= obtain()
      .then((value) => {
        current = value;
        obtainedAt = now();
        failure = null;
        return value;
      })
      .catch((error: unknown) => {
        failure = { at: now(), error };
        throw error;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };

  return {
    get: () => (current !== null ? Promise.resolve(current) : start()),
    renew(rejected) {
      if (pending) return pending;
      if (current !== null && current !== rejected) return Promise.resolve(current);
      if (failure && recent(failure.at)) return Promise.reject(failure.error);
      if (recent(obtainedAt)) return Promise.resolve(null);
      current = null;
      return start();
    },
  };
}
