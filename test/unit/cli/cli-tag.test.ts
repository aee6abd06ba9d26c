import { runCli } from './run-cli';

jest.setTimeout(90_000);

describe('resilient-pcsc tag --simulate --simulate-tag', () => {
  it('scan shows the kind and UID of a contactless tag', async () => {
    const result = await runCli(['scan', '--once', '--simulate', '--simulate-tag', 'mifare-classic-4k']);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual(expect.arrayContaining(['Reader 2: ACS ACR122U PICC Interface 02 00', '  Tag: MIFARE Classic 4K, UID 04A23B52']));
    const json = await runCli(['scan', '--once', '--simulate', '--simulate-tag', 'ntag215', '--json']);
    const reader = (JSON.parse(json.stdout) as { readers: { name: string; tag?: unknown }[] }).readers[2];
    expect(reader?.tag).toEqual({ kind: 'mifare-ultralight', name: 'MIFARE Ultralight / NTAG', uid: '04112233445566' });
  });

  it('info, dump and ndef-read a Type 2 tag', async () => {
    const info = await runCli(['tag', '--simulate', '--simulate-tag', 'ntag213', '--json']);
    expect(JSON.parse(info.stdout)).toEqual({
      reader: 'ACS ACR122U PICC Interface 02 00',
      kind: 'mifare-ultralight',
      name: 'MIFARE Ultralight / NTAG',
      uid: '04112233445566',
      chip: 'NTAG213',
      chipSource: 'get-version',
    });
    expect((await runCli(['tag', 'info', '--simulate', '--simulate-tag', 'ntag216'])).lines).toContain('Chip: NTAG216 (from GET_VERSION)');
    const ultralight = await runCli(['tag', '--simulate', '--simulate-tag', 'ultralight', '--json']);
    expect(JSON.parse(ultralight.stdout)).not.toHaveProperty('chip');
    const dump = await runCli(['tag', 'dump', '--simulate', '--simulate-tag', 'ntag213']);
    expect(dump.lines).toEqual(expect.arrayContaining(['  page 3     E1 10 12 00', '  page 39    00 00 00 00']));
    expect(dump.lines.filter((line) => line.startsWith('  page'))).toHaveLength(40);
    const read = await runCli(['tag', 'ndef-read', '--simulate', '--simulate-tag', 'ntag215']);
    expect(read.lines.at(-1)).toBe('No NDEF message (empty).');
  });

  it('writes NDEF to a Type 4 tag and reports each record', async () => {
    const result = await runCli([
      'tag',
      'ndef-write',
      '--simulate',
      '--simulate-tag',
      'type4',
      '-r',
      '2',
      '--uri',
      'https://example.com/x',
      '--text',
      'hallo',
      '--lang',
      'de',
    ]);
    expect(result.code).toBe(0);
    expect(result.lines.at(-1)).toBe('Wrote 2 NDEF record(s).');
  });

  it('dumps MIFARE Classic with a key, reporting sectors the key does not open', async () => {
    const good = await runCli(['tag', 'dump', '--simulate', '--simulate-tag', 'mifare-classic-1k', '--json']);
    const memory = (JSON.parse(good.stdout) as { memory: { address: string; bytes?: string }[] }).memory;
    expect(memory).toHaveLength(64);
    expect(memory[3]).toEqual({ address: 'block 3', bytes: '00 00 00 00 00 00 FF 07 80 69 FF FF FF FF FF FF' });
    const bad = await runCli(['tag', 'dump', '--simulate', '--simulate-tag', 'mifare-classic-1k', '--key', '000000000000', '--key-type', 'B']);
    expect(bad.lines[2]).toMatch(/^ {2}sector 0 {3}not read: GENERAL AUTHENTICATE block 0 key B on MIFARE Classic 1K 04A23B51 failed with SW 63 00/);
  });

  it("turns a phone's 6A 82 into a typed error and bad options into usage errors", async () => {
    const phone = await runCli(['tag', 'ndef-read', '--simulate', '--simulate-tag', 'phone', '-r', '2', '--json']);
    expect(phone.code).toBe(1);
    expect(JSON.parse(phone.stdout)).toMatchObject({ ok: false, error: { name: 'TagAddressError' } });
    expect((await runCli(['tag', 'ndef-write', '--simulate', '--simulate-tag', 'ntag213'])).code).toBe(2);
    expect((await runCli(['tag', 'format', '--simulate'])).code).toBe(2);
    expect((await runCli(['tag', '--simulate-tag', 'ntag213'])).code).toBe(2);
  });
});
