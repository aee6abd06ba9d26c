/** A native binding (or other driver) cannot be loaded on this machine. */
export class DriverUnavailableError extends Error {
  readonly driverName: string;

  constructor(driverName: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DriverUnavailableError';
    this.driverName = driverName;
  }
}
