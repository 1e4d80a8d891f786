// What a Hugging Face answer that is not a list of papers is called in the error a run reports.
import { describe, expect, it } from 'vitest';
import { parseDailyAnswer } from './hf-daily.ts';

const URL = 'https://huggingface.co/api/daily_papers?date=2025-01-10&limit=100';
const message = (body: string): string => {
  try {
    parseDailyAnswer(body, URL);
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
};

describe('parseDailyAnswer', () => {
  it('reads a JSON array as it is', () => {
    expect(parseDailyAnswer('[{"paper":{"id":"2501.05441"}}]', URL)).toEqual([{ paper: { id: '2501.05441' } }]);
  });

  it('names what came instead of a list, with the right article', () => {
    expect(message('{"status":"success","date":"2025-01-10","count":2,"data":[]}')).toBe(
      'Hugging Face answered an object with keys status, date, count, data instead of a list of papers',
    );
    expect(message('null')).toBe('Hugging Face answered null instead of a list of papers');
    expect(message('42')).toBe('Hugging Face answered a number instead of a list of papers');
    expect(message('"busy"')).toBe('Hugging Face answered a string instead of a list of papers');
    expect(message('<!doctype html><html><body>502</body></html>')).toBe('Hugging Face answered an HTML page instead of a list of papers');
    expect(message('[{"paper":')).toMatch(/^Hugging Face answered invalid JSON \(.+\) instead of a list of papers$/);
  });
});
