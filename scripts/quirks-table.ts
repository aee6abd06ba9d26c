import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quirksTable } from '../src/quirks/quirks-table';

writeFileSync(join(__dirname, '..', 'docs', 'quirks.md'), quirksTable());
