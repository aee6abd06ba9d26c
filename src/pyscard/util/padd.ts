/**
 * Pads `bytelist` in place up to `length` bytes with the byte written in hex by `padding`
 * (default 'FF') and returns it; a longer list is returned unchanged.
 */
export function padd(bytelist: number[], length: number, padding = 'FF'): number[] {
  const value = parseInt(padding, 16);
  if (!/^[0-9a-fA-F]+$/.test(padding) || Number.isNaN(value)) throw new TypeError(`invalid padding byte: ${padding}`);
  while (bytelist.length < length) bytelist.push(value);
  return bytelist;
}
