import { describe, expect, it } from 'vitest';
import { auditQuery, outcomeKind, prettyDetails } from './audit';

describe('auditQuery', () => {
  it('keeps only filled filters, trimmed, with the page', () => {
    expect(auditQuery({ actor: ' cuc.ca ', action: '', object_type: undefined, object_id: 'E2BE' }, 50, 100)).toEqual({
      actor: 'cuc.ca',
      object_id: 'E2BE',
      limit: 50,
      offset: 100,
    });
  });
});

describe('prettyDetails', () => {
  it('indents objects, parses JSON strings, leaves text and empties alone', () => {
    expect(prettyDetails({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyDetails('{"b":[1,2]}')).toBe('{\n  "b": [\n    1,\n    2\n  ]\n}');
    expect(prettyDetails('plain words')).toBe('plain words');
    expect(prettyDetails({})).toBe('');
    expect(prettyDetails(null)).toBe('');
  });
});

describe('outcomeKind', () => {
  it('maps outcomes to colours', () => {
    expect(outcomeKind('ok')).toBe('ok');
    expect(outcomeKind('denied')).toBe('denied');
    expect(outcomeKind('failed')).toBe('failed');
    expect(outcomeKind('queued')).toBe('other');
    expect(outcomeKind('rejected')).toBe('other');
  });
});
