import { readFileSync } from 'node:fs';
import { README_PATH, firstCodeExample, readmeExampleOutput, readmeFirstExample } from '../../fixtures/readme-example';

const README = readFileSync(README_PATH, 'utf8');

describe("README's first example", () => {
  it('comes before any other section but Install, in the first screen', () => {
    const lines = README.split('\n');
    const start = lines.indexOf('```ts');
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThan(30);
    const headings = lines.slice(0, start).filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## Install', '## First example']);
  });

  it('is about 20 lines and selects the applet before its command', () => {
    const lines = readmeFirstExample().trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(25);
    const select = lines.findIndex((line) => line.includes('card.transmit(SELECT)'));
    const command = lines.findIndex((line) => line.includes("card.transmit('80 34 00 0E 0E')"));
    expect(select).toBeGreaterThan(-1);
    expect(command).toBeGreaterThan(select);
  });

  it('shows the output the real-pcscd test expects of it', () => {
    const printed = /^```text\n([\s\S]*?)^```/m.exec(README)?.[1];
    expect(printed?.trimEnd().split('\n')).toEqual(readmeExampleOutput('Virtual PCD 00 00'));
  });

  it('takes the first ts or js block of a text', () => {
    expect(firstCodeExample('# T\n```sh\nnpm i\n```\n```js\nlet a;\n```\n```ts\nlet b;\n```\n')).toBe('let a;\n');
    expect(() => firstCodeExample('```sh\nnpm i\n```\n')).toThrow('no ```ts or ```js block');
  });
});
