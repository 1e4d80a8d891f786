// Which fetch errors mean the host could not be connected to at all.
import { describe, expect, it } from 'vitest';
import { connectFailure, hostOf } from './connect-failure.ts';

const coded = (code: string) => Object.assign(new Error(code), { code });

describe('connectFailure', () => {
  it('finds the code under fetch\'s "fetch failed" and inside an AggregateError', () => {
    expect(connectFailure(new TypeError('fetch failed', { cause: coded('ECONNREFUSED') }))).toBe('ECONNREFUSED');
    const many = Object.assign(new AggregateError([coded('ENETUNREACH'), coded('ECONNREFUSED')]), { code: undefined });
    expect(connectFailure(new TypeError('fetch failed', { cause: many }))).toBe('ENETUNREACH');
  });

  it('counts a port fetch refuses to use as a failure to connect', async () => {
    const err = await fetch('http://127.0.0.1:6000/').catch((e: unknown) => e);
    expect(connectFailure(err)).toBe('a port fetch refuses');
  });

  it('leaves resets, timeouts of a slow answer and other errors alone', () => {
    expect(connectFailure(new TypeError('fetch failed', { cause: coded('ECONNRESET') }))).toBeUndefined();
    expect(connectFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBeUndefined();
    expect(connectFailure(new Error('terminated'))).toBeUndefined();
    expect(connectFailure(undefined)).toBeUndefined();
  });

  it('names the host of a URL', () => {
    expect(hostOf('http://localhost:8080/api/x?y=1')).toBe('localhost:8080');
    expect(hostOf('not a url')).toBe('not a url');
  });
});
