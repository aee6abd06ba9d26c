import { brandClass, brandSymbol, isBrandedInstance } from '../../../src/errors/brand';
import { PcscError, SharingViolationError, TimeoutError } from '../../../src/errors';

/** Two copies of the same class family, as the CommonJS and ES module builds define them. */
type ErrorClass = new (message: string) => Error;

function defineCopy(): { Base: ErrorClass; Child: ErrorClass } {
  class Base extends Error {
    static {
      brandClass(this, 'TestFamily');
    }
    static override [Symbol.hasInstance](value: unknown): boolean {
      return isBrandedInstance(this, 'TestFamily', value);
    }
  }
  class Child extends Base {}
  return { Base, Child };
}

describe('cross-copy instanceof', () => {
  it('holds between two copies of the same classes, by class name', () => {
    const first = defineCopy();
    const second = defineCopy();
    const child = new second.Child('x');
    expect(child instanceof first.Child).toBe(true);
    expect(child instanceof first.Base).toBe(true);
    expect(new second.Base('x') instanceof first.Child).toBe(false);
  });

  it('does not take an unrelated error with the same class name', () => {
    const copy = defineCopy();
    class Child extends Error {}
    expect(new Child('x') instanceof copy.Child).toBe(false);
    expect(new Error('x') instanceof copy.Base).toBe(false);
    expect(isBrandedInstance(copy.Child, 'TestFamily', 'Child')).toBe(false);
  });

  it('tags the error base class with a registered symbol every copy shares', () => {
    const error = new SharingViolationError('busy');
    expect((error as unknown as Record<symbol, unknown>)[brandSymbol('PcscError')]).toBe(true);
    expect(error instanceof PcscError).toBe(true);
    expect(error instanceof SharingViolationError).toBe(true);
    expect(error instanceof TimeoutError).toBe(false);
  });
});
