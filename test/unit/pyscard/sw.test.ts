import {
  CheckingErrorException,
  ErrorCheckingChain,
  ISO7816_4ErrorChecker,
  ISO7816_4_SW1ErrorChecker,
  ISO7816_8ErrorChecker,
  ISO7816_9ErrorChecker,
  SWException,
  WarningProcessingException,
  op21_ErrorChecker,
  readers,
} from '../../../src/pyscard';
import { COMMAND, closeSimulatedFacade, simulatedFacade } from './simulated-facade';

afterEach(closeSimulatedFacade);

function chainOf(...strategies: ConstructorParameters<typeof ErrorCheckingChain>[1][]): ErrorCheckingChain[] {
  const chain: ErrorCheckingChain[] = [];
  for (const strategy of strategies) new ErrorCheckingChain(chain, strategy);
  return chain;
}

describe('status word error checking', () => {
  it('checkers raise PySCard exceptions with PySCard messages', () => {
    expect(() => new ISO7816_4ErrorChecker().check([], 0x6a, 0x82)).toThrow(new CheckingErrorException([], 0x6a, 0x82, 'File not found'));
    try {
      new ISO7816_4ErrorChecker().check([1], 0x63, 0xc2);
    } catch (error) {
      expect(error).toBeInstanceOf(WarningProcessingException);
      const sw = error as SWException;
      expect(sw.message).toBe("'Status word exception: warning processing - PIN verification failed. 2 tries before blocking PIN!'");
      expect(sw.swMessage).toBe('warning processing - PIN verification failed. 2 tries before blocking PIN');
      expect([sw.data, sw.sw1, sw.sw2]).toEqual([[1], 0x63, 0xc2]);
    }
    expect(() => new ISO7816_4ErrorChecker().check([], 0x90, 0x00)).not.toThrow();
    expect(() => new ISO7816_4_SW1ErrorChecker().check([], 0x6c, 0x10)).toThrow(CheckingErrorException);
    expect(() => new ISO7816_8ErrorChecker().check([], 0x66, 0x87)).toThrow('security issue - Expected SM data objects missing');
    expect(() => new ISO7816_9ErrorChecker().check([], 0x6a, 0x8a)).toThrow('DF name already exists');
    expect(() => new op21_ErrorChecker().check([], 0x94, 0x84)).toThrow('Algorithm not supported');
  });

  it('a chain runs its strategies in order until one raises', () => {
    const calls: string[] = [];
    const chain = chainOf(() => calls.push('first'), new ISO7816_9ErrorChecker(), new ISO7816_4ErrorChecker());
    expect(() => chain[0]?.check([], 0x6a, 0x82)).toThrow("'Status word exception: checking error - File not found!'");
    expect(calls).toEqual(['first']);
    expect(chain[0]?.end()).toBe(false);
    expect(chain[2]?.end()).toBe(true);
    expect(chain[0]?.next()).toBe(chain[1]);
  });

  it('a filtered exception class is ignored exactly, not its subclasses, and stops the chain', () => {
    const chain = chainOf(new ISO7816_4ErrorChecker(), new ISO7816_4_SW1ErrorChecker());
    chain[0]?.addFilterException(WarningProcessingException);
    expect(() => chain[0]?.check([], 0x62, 0x81)).not.toThrow();
    chain[0]?.addFilterException(SWException);
    expect(() => chain[0]?.check([], 0x6a, 0x82)).toThrow(CheckingErrorException);
  });

  it('a connection runs its chain on every response, honouring addSWExceptionToFilter', async () => {
    await simulatedFacade();
    const connection = (await readers())[0]!.createConnection();
    await connection.connect();
    connection.setErrorCheckingChain(chainOf(new ISO7816_4ErrorChecker()));
    // Without the SELECT the applet answers 69 85.
    await expect(connection.transmit(COMMAND)).rejects.toThrow('checking error - Conditions of use not satisfied');
    connection.addSWExceptionToFilter(CheckingErrorException);
    expect(await connection.transmit(COMMAND)).toEqual([[], 0x69, 0x85]);
    await connection.disconnect();
  });
});
