/**
 * `attache.showOutput` (Show Output): shows the "Attaché" output channel, the client's and the
 * server's log.
 */
import type { AttacheClient } from '../attacheClient';

/** Makes the handler of Show Output. */
export function showOutput(client: AttacheClient): () => void {
  return () => client.outputChannel.show(true);
}
