import {describe, expect, it, vi} from 'vitest';
import {ApiError} from './api.ts';
import {createReadMarkSender} from './read-marks.ts';

const offline = () => new ApiError({title: 'Offline', status: 0, detail: 'offline'});
const refused = () => new ApiError({title: 'Not Found', status: 404, detail: 'gone'});

describe('[RS1] read marks on their way to the server', () => {
  it('sends the latest mark per room; marks made during a send follow it', async () => {
    const sent: [string, number][] = [];
    let release: () => void = () => {};
    const sender = createReadMarkSender(async (roomID, readAt) => {
      sent.push([roomID, readAt]);
      if (sent.length === 1) await new Promise<void>(resolve => (release = resolve));
    });
    sender.mark('a', 100);
    sender.mark('a', 300);
    sender.mark('a', 200);
    sender.mark('b', 50);
    release();
    await sender.flush();
    expect(sent).toEqual([
      ['a', 100],
      ['a', 300],
      ['b', 50],
    ]);
    expect(sender.unsent().size).toBe(0);
  });

  it('keeps marks the server cannot get (offline, 5xx, 429) and sends them on the next flush', async () => {
    vi.useFakeTimers();
    try {
      const failures = [
        offline(),
        new ApiError({title: 'Busy', status: 503, detail: 'busy'}),
        new ApiError({title: 'Slow down', status: 429, detail: 'wait'}),
      ];
      const sent: [string, number][] = [];
      const sender = createReadMarkSender(
        async (roomID, readAt) => {
          const failure = failures.shift();
          if (failure) throw failure;
          sent.push([roomID, readAt]);
        },
        {retryMs: 1000},
      );
      sender.mark('a', 100);
      await sender.flush();
      expect(sender.unsent()).toEqual(new Map([['a', 100]]));
      sender.mark('a', 150);
      await sender.flush();
      expect(sent).toEqual([]);
      // The retry timer tries again by itself, until the server takes it.
      await vi.advanceTimersByTimeAsync(1000);
      expect(sent).toEqual([]);
      expect(sender.unsent()).toEqual(new Map([['a', 150]]));
      await vi.advanceTimersByTimeAsync(1000);
      expect(sent).toEqual([['a', 150]]);
      expect(sender.unsent().size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops a mark the server refuses, and goes on with the others', async () => {
    const sent: string[] = [];
    const sender = createReadMarkSender(async roomID => {
      if (roomID === 'gone') throw refused();
      sent.push(roomID);
    });
    sender.mark('gone', 1);
    sender.mark('here', 2);
    await sender.flush();
    expect(sent).toEqual(['here']);
    expect(sender.unsent().size).toBe(0);
  });

  it('forgets its queue when told (another person signed in)', async () => {
    const sender = createReadMarkSender(async () => {
      throw offline();
    });
    sender.mark('a', 1);
    await sender.flush();
    sender.clear();
    expect(sender.unsent().size).toBe(0);
  });
});
