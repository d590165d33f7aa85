/**
 * A ClickHouse query with its parameters: every input value travels as a bound `{name:Type}` parameter. `Row`
 * is the shape of each row it returns, which `QueryRunner.rows` infers from it.
 */
export interface BoundQuery<Row = unknown> {
  query: string;
  params: Record<string, unknown>;
  /** Never set: only carries `Row` to the compiler (a query of unknown rows may be read as any shape). */
  readonly rowType?: (row: Row) => void;
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
