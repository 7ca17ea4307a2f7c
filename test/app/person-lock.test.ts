import { describe, expect, it } from 'vitest';
import { oneAtATimeFor } from '../../src/app/person-lock.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('one registration at a time per person', () => {
  it('runs the work for one person in turn, never two at once, in the order it came', async () => {
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const work = (name: string) =>
      oneAtATimeFor('person-a', async () => {
        running++;
        most = Math.max(most, running);
        await tick();
        order.push(name);
        running--;
        return name;
      });
    expect(await Promise.all(['1', '2', '3', '4'].map(work))).toEqual(['1', '2', '3', '4']);
    expect(most).toBe(1);
    expect(order).toEqual(['1', '2', '3', '4']);
  });

  it('lets different people through together', async () => {
    let running = 0;
    let most = 0;
    await Promise.all(
      ['a', 'b', 'c'].map((person) =>
        oneAtATimeFor(person, async () => {
          running++;
          most = Math.max(most, running);
          await tick();
          running--;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  it('a refusal reaches its caller and does not hold up the next request for that person', async () => {
    const refused = oneAtATimeFor('person-b', async () => {
      await tick();
      throw new Error('already in custody');
    });
    const next = oneAtATimeFor('person-b', async () => 'registered');
    await expect(refused).rejects.toThrow('already in custody');
    await expect(next).resolves.toBe('registered');
  });
});
