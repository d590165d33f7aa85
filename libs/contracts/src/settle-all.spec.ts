import { settleAll } from './settle-all';

describe('settleAll', () => {
  it('answers the values in order', async () => {
    const later = new Promise<number>((resolve) => setTimeout(() => resolve(1), 20));
    expect(await settleAll([later, Promise.resolve(2)])).toEqual([1, 2]);
  });

  it('throws the first failure only once every promise has settled', async () => {
    let finished = false;
    const slow = new Promise<string>((resolve) =>
      setTimeout(() => {
        finished = true;
        resolve('slow');
      }, 30),
    );
    const failures = [Promise.reject(new Error('first')), Promise.reject(new Error('second'))];
    await expect(settleAll([...failures, slow])).rejects.toThrow('first');
    expect(finished).toBe(true);
  });
});
