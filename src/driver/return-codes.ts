export * from '../errors/return-codes';
