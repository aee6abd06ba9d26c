import type { ResponseApdu } from '../../../src/apdu/response-apdu';
import { PcscError } from '../../../src/errors/pcsc-error';

/** What a step produced, reduced to what conformance compares: an answer's bytes, or an error's class and code. */
export type Observed = { readonly sw: string; readonly data?: string } | { readonly error: string; readonly codeName?: string };

export function hex(bytes: Iterable<number>): string {
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

export function answer(response: ResponseApdu): Observed {
  const sw = response.sw.toString(16).toUpperCase().padStart(4, '0');
  return response.data.length > 0 ? { sw, data: hex(response.data) } : { sw };
}

export function failure(error: unknown): Observed {
  if (error instanceof PcscError) return { error: error.constructor.name, codeName: error.codeName };
  return { error: error instanceof Error ? error.constructor.name : String(error) };
}

/** Runs a transmit (or anything giving a ResponseApdu) and reports its answer or its error. */
export async function observe(step: Promise<ResponseApdu>): Promise<Observed> {
  try {
    return answer(await step);
  } catch (error) {
    return failure(error);
  }
}

/** Reports only whether a step succeeded, or its error. */
export async function outcomeOf(step: Promise<unknown>): Promise<{ ok: true } | Observed> {
  try {
    await step;
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
