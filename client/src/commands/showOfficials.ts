/**
 * `attache.showOfficials` (Show Officials): brings the Officials view forward.
 */
import type { AttacheClient } from '../attacheClient';
import { focusOfficialsView } from '../views/officialsView';

/**
 * Makes the handler of Show Officials. The view explains itself where the server is down or the
 * document holds no releases, so the handler needs nothing from the client.
 */
export function showOfficials(_client: AttacheClient): () => Promise<void> {
  return () => focusOfficialsView();
}
