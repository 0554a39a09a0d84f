/**
 * Request cancellation (`$/cancelRequest`). A Node server only sees a cancellation between turns
 * of the event loop, so long loops check the token themselves and stop by throwing; `runSafe`
 * in server.ts turns the throw into the protocol's `RequestCancelled` answer.
 */
import type { CancellationToken } from 'vscode-languageserver';

/** Thrown where a request's token was cancelled while its work ran. */
export class RequestCancelledError extends Error {
  constructor() {
    super('Request cancelled');
    this.name = 'RequestCancelledError';
  }
}

/** Throws `RequestCancelledError` where the token says the client no longer wants the answer. */
export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new RequestCancelledError();
}

/**
 * Checks the token on the first call and then every `every` calls: reading it is cheap, but a
 * loop over thousands of mentions does not need to read it thousands of times.
 */
export function cancellationCheck(token: CancellationToken | undefined, every = 256): () => void {
  let count = 0;
  return () => {
    if (count++ % every === 0) throwIfCancelled(token);
  };
}
