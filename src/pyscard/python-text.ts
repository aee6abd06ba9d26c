/**
 * Python's str() / repr() / print() for the values a ported script prints, so its output matches
 * the Python original line for line (console.log prints long arrays over several lines).
 */

/** Objects with a Python repr (e.g. Reader: 'name') implement this method. */
export const PY_REPR: unique symbol = Symbol.for('resilient-pcsc.pyscard.repr');

/** An object with a Python repr, which pyRepr and print use. */
export interface PythonRepresentable {
  /** The object's Python repr(), e.g. 'name' with the quotes for a Reader. */
  [PY_REPR](): string;
}

function hasPyRepr(value: object): value is PythonRepresentable {
  return typeof (value as Partial<PythonRepresentable>)[PY_REPR] === 'function';
}

const TUPLES = new WeakSet<readonly unknown[]>();

/** Marks an array as a Python tuple, so it prints as (a, b) instead of [a, b]. */
export function pyTuple<T extends readonly unknown[]>(items: T): T {
  TUPLES.add(items);
  return items;
}

/** Python's repr() of a string: single quotes unless the text holds a single quote and no double quote. */
export function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\' || char === quote) out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}

function reprNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

/** Python's repr(value): lists as [1, 2], strings quoted, null as None, booleans as True/False. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return reprString(value);
  if (typeof value === 'number') return reprNumber(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value) && TUPLES.has(value)) return `(${value.map(pyRepr).join(', ')}${value.length === 1 ? ',' : ''})`;
  if (Array.isArray(value) || value instanceof Uint8Array) return `[${Array.from(value, pyRepr).join(', ')}]`;
  if ((typeof value === 'object' || typeof value === 'function') && hasPyRepr(value)) return value[PY_REPR]();
  if (value instanceof Error) return `${value.name}(${reprString(value.message)})`;
  if (isPlainObject(value))
    return `{${Object.entries(value)
      .map(([key, item]) => `${reprString(key)}: ${pyRepr(item)}`)
      .join(', ')}}`;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- Python's repr of any other object is its own text
  return String(value);
}

/** A plain object stands for a Python dict (e.g. PCSCPart10's property dicts). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Python's str(value): strings and errors as their text, objects as their toString(), the rest as repr. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.message;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array || isPlainObject(value)) return pyRepr(value);
  if (hasPyRepr(value) && value.toString === Object.prototype.toString) return value[PY_REPR]();
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- Python's str() of an object is its toString()
  return String(value);
}

/** Python 3's print(*values): str() of each, separated by spaces, on stdout. */
export function print(...values: unknown[]): void {
  process.stdout.write(`${values.map(pyStr).join(' ')}\n`);
}
