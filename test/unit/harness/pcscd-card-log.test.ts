import { PcscdCardLog } from '../../harness/pcscd-card-log';

describe('PcscdCardLog', () => {
  it('counts the insertions and removals pcscd logs per reader, across chunk boundaries', () => {
    const log = new PcscdCardLog();
    log.push('02087071 eventhandler.c:423:EHStatusHandlerThread() Card inserted into Vpcd 24200 00 00\n00000043 Card ATR: 3B 00 \n');
    log.push('02224017 eventhandler.c:358:EHStatusHandlerThread() Card Removed Fr');
    log.push('om Vpcd 24200 00 00\n00000004 eventhandler.c:423:EHStatusHandlerThread() Card inserted into Vpcd 24200 00 01\n');
    log.push('00000004 eventhandler.c:423:EHStatusHandlerThread() Card inserted into Vpcd 24200 00 00\n');
    expect(log.snapshot()).toEqual(
      new Map([
        ['Vpcd 24200 00 00', { inserted: 2, removed: 1, removedByReaderError: 0, history: expect.any(Array) }],
        ['Vpcd 24200 00 01', { inserted: 1, removed: 0, removedByReaderError: 0, history: expect.any(Array) }],
      ]),
    );
  });

  it('waits for the end of a line and ignores other log lines', () => {
    const log = new PcscdCardLog();
    log.push('00000189 pcscdaemon.c:666:main() pcsc-lite 1.9.9 daemon ready.\n');
    log.push('00000004 eventhandler.c:423:EHStatusHandlerThread() Card inserted into Vpcd 24');
    expect(log.snapshot().size).toBe(0);
    log.push('200 00 00\r\n');
    expect(log.snapshot()).toEqual(new Map([['Vpcd 24200 00 00', { inserted: 1, removed: 0, removedByReaderError: 0, history: expect.any(Array) }]]));
  });

  it('hands out a copy: later lines do not change a snapshot taken before them', () => {
    const log = new PcscdCardLog();
    log.push('1 e.c:1:f() Card inserted into R\n');
    const before = log.snapshot();
    log.push('1 e.c:1:f() Card Removed From R\n');
    expect(before.get('R')).toEqual({ inserted: 1, removed: 0, removedByReaderError: 0, history: expect.any(Array) });
    expect(log.snapshot().get('R')).toEqual({ inserted: 1, removed: 1, removedByReaderError: 0, history: expect.any(Array) });
  });

  it('counts a reader error while it held a card as a removal (clients see no card), once, and apart', () => {
    const log = new PcscdCardLog();
    log.push('1 eventhandler.c:419:EHStatusHandlerThread() Card inserted into R\n');
    log.push('2 eventhandler.c:332:EHStatusHandlerThread() Error communicating to: R\n');
    log.push('3 eventhandler.c:332:EHStatusHandlerThread() Error communicating to: R\n');
    log.push('4 eventhandler.c:419:EHStatusHandlerThread() Card inserted into R\n');
    log.push('5 eventhandler.c:356:EHStatusHandlerThread() Card Removed From R\n');
    log.push('6 eventhandler.c:332:EHStatusHandlerThread() Error communicating to: R\n');
    log.push('7 eventhandler.c:356:EHStatusHandlerThread() Card Removed From R\n');
    expect(log.snapshot().get('R')).toEqual({
      inserted: 2,
      removed: 2,
      removedByReaderError: 1,
      history: ['inserted', 'reader-error', 'reader-error', 'inserted', 'removed', 'reader-error', 'removed'],
    });
  });
});
