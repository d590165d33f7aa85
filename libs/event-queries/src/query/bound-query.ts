/** A ClickHouse query with its parameters: every input value travels as a bound `{name:Type}` parameter. */
export interface BoundQuery {
  query: string;
  params: Record<string, unknown>;
}

/** Hands out parameter placeholders, so query builders never put an input value into SQL text. */
export class Params {
  readonly values: Record<string, unknown> = {};
  private next = 0;

  constructor(initial: Record<string, unknown> = {}) {
    Object.assign(this.values, initial);
  }

  /** Binds `value` under a fresh name and returns its placeholder, e.g. `{p3:String}`. */
  bind(value: unknown, type: string): string {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return `{${name}:${type}}`;
  }
}
