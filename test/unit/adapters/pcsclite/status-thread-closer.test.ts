import { StatusThreadCloser } from '../../../../src/adapters/pcsclite/status-thread-closer';

describe('StatusThreadCloser (pcsclite adapter)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('does not close a thread that has not reported yet, and closes it shortly after its first report', () => {
    const close = jest.fn();
    const closer = new StatusThreadCloser(close);
    closer.request();
    jest.advanceTimersByTime(1000);
    expect(close).not.toHaveBeenCalled();
    closer.noteReport();
    expect(close).not.toHaveBeenCalled();
    jest.advanceTimersByTime(60);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('closes a thread that already reported outside the current call, once, however often asked', () => {
    const close = jest.fn();
    const closer = new StatusThreadCloser(close);
    closer.noteReport();
    closer.request();
    closer.request();
    expect(close).not.toHaveBeenCalled();
    jest.advanceTimersByTime(60);
    closer.noteReport();
    jest.advanceTimersByTime(60);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('waits until the latest report is 50 ms old: a thread that just reported may not be back in its wait yet', () => {
    const close = jest.fn();
    const closer = new StatusThreadCloser(close);
    closer.noteReport();
    jest.advanceTimersByTime(30);
    closer.request();
    jest.advanceTimersByTime(15);
    expect(close).not.toHaveBeenCalled();
    jest.advanceTimersByTime(10);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('never closes when nobody asks', () => {
    const close = jest.fn();
    const closer = new StatusThreadCloser(close);
    closer.noteReport();
    jest.advanceTimersByTime(1000);
    expect(close).not.toHaveBeenCalled();
  });
});
