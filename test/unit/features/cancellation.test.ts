import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-languageserver';
import { cancellationCheck, RequestCancelledError, throwIfCancelled } from '../../../server/src/features/cancellation';

describe('cancellation', () => {
  it('throws only once the token is cancelled', () => {
    const source = new CancellationTokenSource();
    assert.doesNotThrow(() => throwIfCancelled(source.token));
    assert.doesNotThrow(() => throwIfCancelled(undefined), 'no token, no cancellation');
    source.cancel();
    assert.throws(() => throwIfCancelled(source.token), RequestCancelledError);
  });

  it('checks on the first call and then every n calls', () => {
    const source = new CancellationTokenSource();
    const check = cancellationCheck(source.token, 3);
    check(); // 1st: checked, not cancelled
    source.cancel();
    check(); // 2nd: not checked
    check(); // 3rd: not checked
    assert.throws(() => check(), RequestCancelledError, 'the 4th call checks again');
  });

  it('notices a token cancelled before the loop starts', () => {
    const source = new CancellationTokenSource();
    source.cancel();
    assert.throws(() => cancellationCheck(source.token, 1000)(), RequestCancelledError);
  });
});
