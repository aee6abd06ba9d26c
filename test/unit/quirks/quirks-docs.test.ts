import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUIRKS } from '../../../src/quirks';
import { quirksTable } from '../../../src/quirks/quirks-table';

describe('docs/quirks.md', () => {
  it('is the generated table (run npx tsx scripts/quirks-table.ts after editing the registry)', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/quirks.md'), 'utf8');
    expect(committed).toBe(quirksTable());
    for (const quirk of QUIRKS) expect(committed).toContain(`\`${quirk.id}\``);
  });
});
