/**
 * The item at `index` of a list a spec expects to be long enough (a negative index counts from the end);
 * a shorter list fails the spec here, saying so, rather than later on `undefined`.
 */
export function nth<T>(items: ArrayLike<T>, index: number): T {
  const i = index < 0 ? items.length + index : index;
  if (i < 0 || i >= items.length)
    throw new Error(`expected an item at ${index}, but the list has ${items.length}`);
  return items[i] as T;
}
