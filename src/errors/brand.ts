/**
 * Cross-copy `instanceof` for the library's classes. The CommonJS and ES module builds (or two
 * installed versions) each define their own classes, so a plain `instanceof` fails across them.
 * A base class tags its prototype with a registered symbol (`Symbol.for`, shared by every copy);
 * a value then counts as an instance of a class when it carries the tag and its prototype chain
 * holds a class of the same name.
 */

const TAG_PREFIX = 'resilient-pcsc.';

/** The registered symbol a branded base class puts on its prototype, e.g. `Symbol.for('resilient-pcsc.PcscError')`. */
export function brandSymbol(family: string): symbol {
  return Symbol.for(TAG_PREFIX + family);
}

/** Tags `base` (and so every subclass) as the library's `family`. */
export function brandClass(base: { readonly prototype: object }, family: string): void {
  Object.defineProperty(base.prototype, brandSymbol(family), { value: true });
}

/** `value instanceof type`, also when `value` comes from another copy of the library. */
export function isBrandedInstance(type: { readonly prototype: object; readonly name: string }, family: string, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(type, value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const tag = brandSymbol(family);
  if (!(tag in type.prototype) || !(tag in value)) return false;
  for (let proto: unknown = Object.getPrototypeOf(value); proto !== null && typeof proto === 'object'; proto = Object.getPrototypeOf(proto)) {
    if (Object.prototype.hasOwnProperty.call(proto, 'constructor') && (proto as { constructor: { name?: unknown } }).constructor.name === type.name) {
      return true;
    }
  }
  return false;
}
