import { attachToVpcd } from '../../src/testing/vpcd-link';
import { seedTestApplet } from '../../src/testing';
import { STOP, type CardProcessMessage } from './card-protocol';
import { unloggedCard } from './unlogged-card';

/*
 * The bench's card, in a process of its own like a real reader is a device of its own: clients
 * in the bench process then do not share their event loop with the card's socket.
 * argv[2..] are the vpcd ports (a card in each). Stops on STOP or when the bench goes away.
 */

function send(message: CardProcessMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const ports = process.argv.slice(2).map(Number);
  const attachments = await Promise.all(ports.map((port) => attachToVpcd(unloggedCard(seedTestApplet()), { port })));
  const stop = (): void => {
    void Promise.all(attachments.map((attachment) => attachment.remove())).finally(() => process.exit(0));
  };
  process.once('disconnect', stop);
  process.on('message', (message: unknown) => {
    if (message === STOP) stop();
  });
  await Promise.all(attachments.map((attachment) => attachment.whenActivated()));
  send({ ready: true });
}

main().catch((error: unknown) => {
  send({ failed: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
