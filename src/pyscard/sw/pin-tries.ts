/** The 63 Cx messages: 'PIN verification failed. <x> <suffix>' for x = 0..15. */
export function pinTries(suffix: string): Record<number, string> {
  const messages: Record<number, string> = {};
  for (let tries = 0; tries <= 15; tries += 1) messages[0xc0 + tries] = `PIN verification failed. ${tries} ${suffix}`;
  return messages;
}
