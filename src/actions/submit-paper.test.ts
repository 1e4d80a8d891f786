// Why arXiv could not be reached, in words for the submit page and the API: no system code
// (ENOTFOUND, ECONNREFUSED…) reaches the person; the log keeps it, from the error's cause.
import { describe, expect, it } from 'vitest';
import { unreachableReason } from './submit-paper.ts';

describe('unreachableReason', () => {
  it('says each way of not reaching arXiv in words', () => {
    const codes = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'bad port', ''];
    for (const code of codes) expect(unreachableReason(code)).not.toMatch(/\b[A-Z_]{5,}\b/);
    expect(unreachableReason('ENOTFOUND')).toBe("arXiv's address could not be looked up: this server may be offline");
    expect(unreachableReason('ETIMEDOUT')).toBe('arXiv did not answer in time: it, or this server’s network, may be down');
    expect(unreachableReason('ECONNRESET')).toBe('the connection to arXiv was cut off');
  });
});
