import { Pcsc } from '../../../src/compose/pcsc';
import { configure, readers, shutdown } from '../../../src/pyscard';
import { SCardConnect, SCardEstablishContext, SCardReleaseContext } from '../../../src/pyscard/scard';
import { SimulatedPcsc } from '../../../src/simulator';
import {
  coreCall,
  countUnhandled,
  describeCounts,
  expectClean,
  facadeCall,
  facadeSyncCall,
  fuzz,
  fuzzRuns,
  fuzzSync,
  parserCall,
  type FuzzCounts,
} from '../../fixtures/api-fuzz';
import { appletCard } from '../simulator/simulator-fixtures';

const READER = 'Reader A 00 00';
const CORE_RUNS = fuzzRuns(5_000);
const FACADE_RUNS = fuzzRuns(1_000);
const PARSER_RUNS = fuzzRuns(20_000);

describe('fuzzing the public API with wrong input (simulator)', () => {
  jest.setTimeout(600_000);

  it(`core: ${CORE_RUNS} inputs all reject with a library error, none reaches the card`, async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const virtual = appletCard();
    sim.addReader('Reader A').insert(virtual);
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    const card = await pcsc.connect(READER);
    const before = virtual.commandCount;
    let counts: FuzzCounts | undefined;
    const unhandled = await countUnhandled(async () => {
      counts = await fuzz(coreCall(), { pcsc, card, reader: READER, openDriver: () => sim.driver() }, CORE_RUNS, 17);
    });
    const reached = virtual.commandCount - before;
    await pcsc.close();
    const result = counts as FuzzCounts;
    console.log(describeCounts('simulator core fuzz', result, reached, unhandled));
    expectClean(result, reached, unhandled);
  });

  it(`PySCard facade: ${FACADE_RUNS} inputs all reject with a library error, none reaches the card`, async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const virtual = appletCard();
    sim.addReader('Reader A').insert(virtual);
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    await configure({ pcsc });
    const connection = (await readers())[0]!.createConnection();
    await connection.connect();
    const [, hcontext] = await SCardEstablishContext(2);
    const [, hcard, protocol] = await SCardConnect(hcontext, READER, 2, 3);
    const before = virtual.commandCount;
    let counts: FuzzCounts | undefined;
    const unhandled = await countUnhandled(async () => {
      counts = await fuzz(facadeCall(), { connection, hcontext, hcard, protocol, reader: READER }, FACADE_RUNS, 23);
    });
    const reached = virtual.commandCount - before;
    await connection.disconnect();
    await SCardReleaseContext(hcontext);
    await shutdown();
    await pcsc.close();
    const result = counts as FuzzCounts;
    console.log(describeCounts('simulator PySCard fuzz', result, reached, unhandled));
    expectClean(result, reached, unhandled);
  });

  it(`parsers: ${PARSER_RUNS} wrongly typed inputs all throw a library error`, () => {
    const counts = fuzzSync(parserCall(), PARSER_RUNS, 29);
    console.log(describeCounts('parser fuzz', counts, 0, 0));
    expectClean(counts, 0, 0);
  });

  it(`PySCard util functions and ATR: ${PARSER_RUNS} wrongly typed inputs all throw a library error or PySCard's own TypeError`, () => {
    const counts = fuzzSync(facadeSyncCall(), PARSER_RUNS, 31);
    console.log(describeCounts('PySCard util fuzz', counts, 0, 0));
    expectClean(counts, 0, 0);
  });
});
