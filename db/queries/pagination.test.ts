import { decodeCursor, encodeCursor, InvalidCursorError, pageLimit, toPage } from './pagination';

describe('cursors', () => {
  test('round-trip the row key', () => {
    const at = new Date('2025-01-02T03:04:05.678Z');
    const cursor = encodeCursor(at, 'goal-1.s2');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ createdAt: at, id: 'goal-1.s2' });
  });

  test.each(['', '!!!', 'abc', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["nope","x"]').toString('base64url')])(
    'reject garbage %p',
    (cursor) => expect(() => decodeCursor(cursor)).toThrow(InvalidCursorError),
  );
});

test('page limits default to 50 and clamp to 1..200', () => {
  expect([pageLimit(undefined), pageLimit(0), pageLimit(7.9), pageLimit(1000), pageLimit(Number.NaN)]).toEqual([50, 1, 7, 200, 50]);
});

test('toPage cuts the look-ahead row into a cursor', () => {
  const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, createdAt: new Date(n * 1000) }));
  expect(toPage(rows, 3)).toEqual({ items: rows, nextCursor: null });
  const page = toPage(rows, 2);
  expect(page.items).toEqual(rows.slice(0, 2));
  expect(decodeCursor(page.nextCursor!)).toEqual({ createdAt: rows[1]!.createdAt, id: 'r2' });
});
