import { Pcsc } from '../../../src/compose/pcsc';
import {
  EstablishContextException,
  InvalidReaderException,
  NoReadersException,
  Reader,
  Session,
  configure,
  listReaders,
  readergroups,
  readers,
} from '../../../src/pyscard';
import { SimulatedPcsc } from '../../../src/simulator';
import { COMMAND, COUNTING, SELECT, closeSimulatedFacade, simulatedFacade } from './simulated-facade';

afterEach(closeSimulatedFacade);

describe('smartcard.System on the simulator', () => {
  it('readers() lists Reader objects whose string is the reader name', async () => {
    const { sim, readerName } = await simulatedFacade();
    sim.addReader('Second Reader');
    const found = await readers();
    expect(found.map(String)).toEqual([readerName, 'Second Reader 01 00']);
    expect(found[0]).toBeInstanceOf(Reader);
    expect(found[0]?.name).toBe(readerName);
    expect(found[0]?.equals(new Reader(readerName))).toBe(true);
    expect(await listReaders()).toEqual([readerName, 'Second Reader 01 00']);
  });

  it('readers() is empty without readers, and darwin lists names without the slot numbers', async () => {
    const sim = new SimulatedPcsc({ personality: 'darwin-15', idlePowerOffMs: false });
    await configure({ driver: sim.driver() });
    expect(await readers()).toEqual([]);
    sim.addReader('Gemalto PC Twin Reader');
    expect((await readers()).map(String)).toEqual(['Gemalto PC Twin Reader']);
  });

  it('readergroups() answers the default group, as pcsc-lite does', async () => {
    await simulatedFacade();
    expect(await readergroups()).toEqual(['SCard$DefaultReaders']);
  });

  it('a stopped service is an EstablishContextException with PySCard wording', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.stopService();
    await configure({ driver: sim.driver() });
    const error = await readers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EstablishContextException);
    expect((error as Error).message).toBe('Failed to establish context: Service not available. (0x8010001D)');
  });

  it('configure({ pcsc }) uses an application-owned Pcsc and leaves it open', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Owned Reader');
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    await configure({ pcsc });
    expect((await readers()).map(String)).toEqual(['Owned Reader 00 00']);
    await closeSimulatedFacade();
    expect(pcsc.isClosed).toBe(false);
    await pcsc.close();
  });
});

describe('Session', () => {
  it('opens the first reader and sends APDUs', async () => {
    const { readerName } = await simulatedFacade();
    const session = await Session.open();
    expect(String(session)).toBe(`<Session instance: readerName='${readerName}'>`);
    expect(await session.sendCommandAPDU(SELECT)).toEqual([[], 0x90, 0x00]);
    expect(await session.sendCommandAPDU(COMMAND)).toEqual([[...COUNTING, 0x90, 0x00], 0x90, 0x00]);
    await session.close();
  });

  it('raises NoReadersException and InvalidReaderException', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    await configure({ driver: sim.driver() });
    await expect(Session.open()).rejects.toThrow(new NoReadersException());
    await expect(Session.open('Nope')).rejects.toThrow(new InvalidReaderException('Nope'));
  });
});
