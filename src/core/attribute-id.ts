import { InvalidArgumentError } from '../errors/invalid-argument-error';

/** An SCARD_ATTR_* id PC/SC can be given (a DWORD); anything else is an InvalidArgumentError. */
export function checkAttributeId(attributeId: unknown, call: string): number {
  if (typeof attributeId !== 'number' || !Number.isInteger(attributeId) || attributeId < 0 || attributeId > 0xffffffff) {
    throw InvalidArgumentError.expected('attributeId', 'an integer from 0 to 0xFFFFFFFF', attributeId, call);
  }
  return attributeId;
}
