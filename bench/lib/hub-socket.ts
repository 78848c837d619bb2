import type {ClientEventName, HubServerMessage} from '@chorus/schema';
import WebSocket from 'ws';
import {now} from './stats.ts';

type EventFrame = Extract<HubServerMessage, {type: 'event'}>;

/**
 * One socket to the embedded live hub (`/api/live` on the API's URL, the
 * protocol of schema/src/live.ts), used as the browser's `HubLiveClient`
 * uses it: authenticate with the access token, attach the open place's
 * channel, publish typing. Each event is handed on with the time its frame
 * arrived, taken before parsing.
 */
export class HubSocket {
  readonly #ws: WebSocket;
  #onEvent: (event: EventFrame, at: number) => void = () => {};
  #waiting: {match: (f: HubServerMessage) => boolean; resolve: () => void; reject: (e: Error) => void}[] = [];

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', data => {
      const at = now();
      const frame = JSON.parse(String(data)) as HubServerMessage;
      if (frame.type === 'event') return this.#onEvent(frame, at);
      if (frame.type === 'detached' || frame.type === 'error') {
        const why = frame.type === 'error' ? frame.message : `${frame.channel} ${frame.reason}`;
        for (const w of this.#waiting.splice(0)) w.reject(new Error(`live hub: ${why}`));
        return;
      }
      for (const w of [...this.#waiting]) {
        if (!w.match(frame)) continue;
        this.#waiting.splice(this.#waiting.indexOf(w), 1);
        w.resolve();
      }
    });
    ws.on('close', (code, reason) => {
      for (const w of this.#waiting.splice(0))
        w.reject(new Error(`live hub closed: ${code} ${String(reason)}`));
    });
  }

  /** Opens `ws://…/api/live` on `apiURL`, authenticates and waits for `ready`. */
  static async connect(apiURL: string, token: string): Promise<HubSocket> {
    const ws = new WebSocket(`${apiURL.replace(/^http/, 'ws')}/api/live`, {perMessageDeflate: false});
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const socket = new HubSocket(ws);
    const ready = socket.#next(f => f.type === 'ready');
    socket.#send({type: 'auth', token});
    await ready;
    return socket;
  }

  /** Attaches `channel`; rejects if the hub refuses it. */
  attach(channel: string): Promise<void> {
    const attached = this.#next(f => f.type === 'attached' && f.channel === channel);
    this.#send({type: 'attach', channel});
    return attached;
  }

  onEvent(handler: (event: EventFrame, at: number) => void): void {
    this.#onEvent = handler;
  }

  /** [LV4] A client event; the hub stamps the person and passes `parentMessageID` on. */
  publish(channel: string, name: ClientEventName, data?: {parentMessageID: string}): void {
    this.#send({type: 'publish', channel, name, ...(data ? {data} : {})});
  }

  close(): void {
    this.#ws.close();
  }

  #send(message: unknown) {
    this.#ws.send(JSON.stringify(message));
  }

  #next(match: (f: HubServerMessage) => boolean, timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('live hub: no answer')), timeoutMs);
      this.#waiting.push({
        match,
        resolve: () => (clearTimeout(timer), resolve()),
        reject: e => (clearTimeout(timer), reject(e)),
      });
    });
  }
}
