import { CardCommunicationError } from '../errors/pcsc-error';

/**
 * A card kept answering 61xx beyond the allowed number of GET RESPONSE commands: an exchange
 * that broke (a CardCommunicationError, SCARD_E_COMM_DATA_LOST), with what came so far.
 */
export class GetResponseLimitError extends CardCommunicationError {
  /** GET RESPONSE commands sent before giving up. */
  readonly getResponses: number;
  /** Response data collected so far (without any status word). */
  readonly partialData: Uint8Array;

  constructor(getResponses: number, partialData: Uint8Array) {
    super(`The card still reported more data (61xx) after ${getResponses} GET RESPONSE commands; giving up`);
    this.getResponses = getResponses;
    this.partialData = partialData;
  }
}
