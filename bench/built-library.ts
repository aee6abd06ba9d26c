import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Library from '../src';
import type * as Driver from '../src/driver-entry';
import type * as Testing from '../src/testing';

/*
 * The library as an application installs it: the built package in dist/ (`npm run bench` builds
 * it first), typed by its sources. Timing the sources through tsx instead would also time tsx's
 * module wrappers, a getter on every imported name and a naming call on every closure made.
 */

const load = createRequire(__filename);
const DIST = path.join(__dirname, '..', 'dist');

export const library = load(path.join(DIST, 'index.js')) as typeof Library;
export const driverEntry = load(path.join(DIST, 'driver.js')) as typeof Driver;
export const testing = load(path.join(DIST, 'testing.js')) as typeof Testing;
