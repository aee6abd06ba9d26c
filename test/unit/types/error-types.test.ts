import { expectTypeOf } from 'expect-type';
import {
  ClosedError,
  NoServiceError,
  PcscError,
  ServiceStoppedError,
  SharingViolationError,
  type ScardCode,
  type ScardCodeName,
  type UnlistedCode,
  type UnlistedCodeName,
} from '../../../src';
import { errorFromCode } from '../../../src/driver-entry';
import { SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED } from '../../../src/driver/return-codes';

// The type assertions and @ts-expect-error lines are checked by `npm run typecheck` (tsc --noEmit).

describe('error code types', () => {
  it('type codeName as the union of SCARD_* names, so a wrong name does not compile', () => {
    expectTypeOf<PcscError['codeName']>().toEqualTypeOf<ScardCodeName | UnlistedCodeName>();
    expectTypeOf<'SCARD_E_SHARING_VIOLATION'>().toExtend<ScardCodeName>();
    // @ts-expect-error a misspelt name is no SCARD_* name
    const misspelt: ScardCodeName = 'SCARD_E_SHARING_VIOLATON';
    // @ts-expect-error SCARD_E_UNEXPECTED shares its value with SCARD_E_UNSUPPORTED_FEATURE, the name errors carry
    const unnamed: ScardCodeName = 'SCARD_E_UNEXPECTED';
    const describe = (error: PcscError): string => {
      switch (error.codeName) {
        case 'SCARD_E_NO_SERVICE':
          return 'no service';
        // @ts-expect-error a case that can never match is refused
        case 'SCARD_E_NO_SERVCE':
          return 'typo';
        default:
          return error.codeName;
      }
    };
    expect([misspelt, unnamed, describe(errorFromCode(SCARD_E_NO_SERVICE))]).toEqual(['SCARD_E_SHARING_VIOLATON', 'SCARD_E_UNEXPECTED', 'no service']);
  });

  it('type code as the union of SCARD_* values or a marked unlisted number', () => {
    expectTypeOf<PcscError['code']>().toEqualTypeOf<ScardCode | UnlistedCode>();
    expectTypeOf<typeof SCARD_E_NO_SERVICE>().toExtend<ScardCode>();
    // @ts-expect-error a plain number is neither a known code nor marked as an unlisted one
    const plain: PcscError['code'] = 42;
    expect(plain).toBe(42);
  });

  it('narrow each class to its own code and name', () => {
    expectTypeOf<SharingViolationError['codeName']>().toEqualTypeOf<'SCARD_E_SHARING_VIOLATION'>();
    expectTypeOf<ServiceStoppedError['code']>().toEqualTypeOf<typeof SCARD_E_SERVICE_STOPPED>();
    expectTypeOf<NoServiceError['codeName']>().toEqualTypeOf<'SCARD_E_NO_SERVICE' | 'SCARD_E_SERVICE_STOPPED'>();
    expectTypeOf<ClosedError['codeName']>().toEqualTypeOf<'SCARD_E_INVALID_HANDLE'>();
    expectTypeOf<PcscError['returnCode']>().toEqualTypeOf<number>();
    // @ts-expect-error a class with a fixed code takes no code
    const coded = new NoServiceError(SCARD_E_NO_SERVICE, 'lost');
    expect(coded.code).toBe(SCARD_E_NO_SERVICE);
  });
});
