/** The store could not be reached, or did not answer in time: the caller answers 503 and fails closed. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}
