import { validate, version } from 'uuid';
import { newEventId } from './event-id.js';

describe('newEventId', () => {
  it('gives RFC 9562 version 7 UUIDs that sort in the order they were made, also within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => newEventId());
    for (const id of ids) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
