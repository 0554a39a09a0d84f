/**
 * Looking things up by place in lists kept in document order.
 */
import type { Span } from './model';

/**
 * Index of the first of `items` (in document order, not overlapping) whose span ends at or after
 * `offset`; `items.length` where none does. Not overlapping, their ends are in order too.
 */
export function firstEndingFrom(items: readonly { span: Span }[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].span.end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
