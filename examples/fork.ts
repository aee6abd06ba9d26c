/** The seed's fork() program: a child process establishes its own PC/SC context. */
import { PcscError } from '../src';
import { firstReader, settingFromArguments } from './support/applications';

async function main(): Promise<void> {
  const setting = settingFromArguments();
  const parent = await setting.open();
  // Node has no fork(); on the simulator the child stands for a forked process.
  try {
    const child = await setting.open({ forkedChild: true });
    await firstReader(child);
    console.log('Child context: works');
    await child.close();
  } catch (error) {
    console.log(`Child context: ${error instanceof PcscError ? `${error.constructor.name} ${error.codeName}` : String(error)}`);
    console.log(error instanceof Error ? error.message : '');
  }
  await parent.close();
}

void main();
