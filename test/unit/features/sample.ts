/**
 * A small file of two releases that the feature tests share: a person introduced in full and
 * named again by surname, two dates, a footer.
 */
import { CURSOR, release } from './fixture';

/** The lines of the sample, before any cursor marker is put in. */
export const SAMPLE: readonly string[] = [
  ...release(
    'NATO Secretary General meets the Prime Minister of Belgium',
    'NATO',
    'On Wednesday, 19 March 2025, the NATO Secretary General, Mr Mark Rutte, will meet the Prime Minister of Belgium, Mr Bart De Wever, at NATO Headquarters, in Brussels.',
    'Mr Rutte thanked Belgium for its contributions to NATO.',
    'For more information:',
    'Contact the NATO Press Office',
  ),
  ...release(
    'NATO Secretary General visits Poland',
    'NATO',
    'On Thursday, 20 March 2025, NATO Secretary General Mark Rutte visited Warsaw, where he met the President of Poland, Mr Andrzej Duda.',
    'Mr Rutte and Mr Duda discussed defence spending.',
  ),
];

/** The sample with the cursor marker put before the `occurrence`-th appearance of `needle` (or after it, with `after`). */
export function sampleWithCursor(needle: string, occurrence = 1, after = false): string[] {
  let seen = 0;
  return SAMPLE.map((line) => {
    let from = 0;
    for (;;) {
      const at = line.indexOf(needle, from);
      if (at < 0) return line;
      if (++seen === occurrence) {
        const cut = after ? at + needle.length : at;
        return `${line.slice(0, cut)}${CURSOR}${line.slice(cut)}`;
      }
      from = at + 1;
    }
  });
}
