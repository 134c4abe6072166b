/** The QR picker's keyboard order (issue 12): codes as a user sees them, not as the DOM lists them. */
import { describe, expect, it } from 'vitest';
import { inScreenOrder } from '../../src/content/scan/candidates';

const box = (name: string, x: number, y: number, size = 80) => ({ name, rect: { x, y, width: size, height: size } });
const order = (...items: ReturnType<typeof box>[]): string[] => inScreenOrder(items).map((i) => i.name);

describe('inScreenOrder', () => {
  it('reads rows top to bottom and each row left to right, whatever the input order', () => {
    expect(order(box('bottom-right', 300, 252), box('top-right', 300, 48), box('bottom-left', 40, 260), box('top-left', 40, 40))).toEqual([
      'top-left',
      'top-right',
      'bottom-left',
      'bottom-right',
    ]);
  });

  it('keeps a box a few pixels lower in its row, and starts a new row below the first box', () => {
    expect(order(box('b', 200, 30), box('a', 10, 0), box('c', 10, 81))).toEqual(['a', 'b', 'c']);
  });

  it('puts a small code level with a tall one in the tall one’s row, left to right', () => {
    expect(order(box('tall', 200, 0, 200), box('small', 10, 100, 40))).toEqual(['small', 'tall']);
  });

  it('leaves nothing out and handles none', () => {
    expect(order()).toEqual([]);
    expect(order(box('only', 5, 5))).toEqual(['only']);
  });
});
