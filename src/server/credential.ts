// A credential obtained from Umami (login token, share token), shared by every viewer.
// Obtaining it is single-flight: concurrent first requests, and concurrent 401s on the same
// token, cause exactly one login.

export type Credential<T> = {
  /** The current value, obtaining it first if there is none. */
  get(): Promise<T>;
  /**
   * Called after Umami rejected `rejected`: obtains a new value, unless another caller already
   * replaced it (then that one is returned) or is replacing it (then that call is awaited).
   */
  renew(rejected: T): Promise<T>;
};

export function createCredential<T>(obtain: () => Promise<T>): Credential<T> {
  let current: T | null = null;
  let pending: Promise<T> | null = null;

  const start = (): Promise<T> => {
    pending ??= obtain()
      .then((value) => {
        current = value;
        return value;
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
      current = null;
      return start();
    },
  };
}
