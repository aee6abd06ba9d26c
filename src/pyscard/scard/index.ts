export * from './constants';
export { SCardGetErrorMessage } from './error-message';
