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
        ['Vpcd 24200 00 00', { inserted: 2, removed: 1 }],
        ['Vpcd 24200 00 01', { inserted: 1, removed: 0 }],
      ]),
    );
  });

  it('waits for the end of a line and ignores other log lines', () => {
    const log = new PcscdCardLog();
    log.push('00000189 pcscdaemon.c:666:main() pcsc-lite 1.9.9 daemon ready.\n');
    log.push('00000004 eventhandler.c:423:EHStatusHandlerThread() Card inserted into Vpcd 24');
    expect(log.snapshot().size).toBe(0);
    log.push('200 00 00\r\n');
    expect(log.snapshot()).toEqual(new Map([['Vpcd 24200 00 00', { inserted: 1, removed: 0 }]]));
  });

  it('hands out a copy: later lines do not change a snapshot taken before them', () => {
    const log = new PcscdCardLog();
    log.push('1 e.c:1:f() Card inserted into R\n');
    const before = log.snapshot();
    log.push('1 e.c:1:f() Card Removed From R\n');
    expect(before.get('R')).toEqual({ inserted: 1, removed: 0 });
    expect(log.snapshot().get('R')).toEqual({ inserted: 1, removed: 1 });
  });
});
