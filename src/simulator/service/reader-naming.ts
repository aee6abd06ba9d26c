/** A name that already ends like pcsc-lite's ' 00 00' (driver index, slot) is kept as given. */
const NUMBERED_NAME = / [0-9A-F]{2} [0-9A-F]{2}$/;

/** The name PC/SC lists for a reader: pcsc-lite appends its index among the readers and slot 0. */
export function listedReaderName(givenName: string, index: number, numbered: boolean): string {
  if (!numbered || NUMBERED_NAME.test(givenName)) return givenName;
  const digits = index.toString(16).toUpperCase().padStart(2, '0');
  return `${givenName} ${digits} 00`;
}
