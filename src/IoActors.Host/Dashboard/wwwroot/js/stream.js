// The live event stream: ONE fetch of /api/events read as a stream and parsed as server-sent events here (not
// EventSource, so the page sees a 401 and decides itself when and how to reconnect). A dropped connection is retried
// with backoff, sending Last-Event-ID = the last event seen, so the host replays what was missed.

import { headersFor } from './api.js';

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];
const OFFLINE_AFTER = 4;

// The host sends a comment at least every 15 s; a stream silent three times as long is taken as dead (a connection that
// went away without a FIN or RST) and opened again.
const SILENCE_MS = 45000;

/** Parses server-sent event text fed in chunks; calls onMessage({id, type, data}) per complete event. */
export class SseParser {
  constructor(onMessage) {
    this.onMessage = onMessage;
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.type = '';
    this.data = [];
    this.id = null;
  }

  /** Feeds decoded text; complete lines are processed, a partial one waits for the next chunk. */
  push(text) {
    this.buffer += text;
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      let end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) {
        break;
      }

      // A CR at the very end may be the first half of CRLF: wait for the next chunk.
      if (end === cr && end === this.buffer.length - 1) {
        break;
      }

      const line = this.buffer.slice(start, end);
      if (this.buffer[end] === '\r' && this.buffer[end + 1] === '\n') {
        end++;
      }

      start = end + 1;
      this.line(line);
    }

    this.buffer = this.buffer.slice(start);
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0 || this.type) {
        this.onMessage({ id: this.id, type: this.type || 'message', data: this.data.join('\n') });
      }

      this.reset();
      return;
    }

    if (line.startsWith(':')) {
      return;
    }

    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }

    if (name === 'event') {
      this.type = value;
    } else if (name === 'data') {
      this.data.push(value);
    } else if (name === 'id' && !value.includes('\0')) {
      this.id = value;
    }
  }
}

function wait(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/**
 * The connection to /api/events. Callbacks: onEvent({id, type, data}) per platform event (data parsed), onGap(missed)
 * when the host could not replay everything, onResync() after every reconnect, onState({state, ...}) with state
 * 'live' | 'reconnecting' | 'offline', onUnauthorized() on a 401 (the stream then stops).
 */
export class EventStream {
  constructor({ url = '/api/events', onEvent, onGap, onResync, onState, onUnauthorized }) {
    this.url = url;
    this.handlers = { onEvent, onGap, onResync, onState, onUnauthorized };
    this.lastId = null;
    this.stopper = null;
  }

  /** Starts reading; afterId is the event after which to begin (0 replays what the host still holds). */
  start(afterId = null) {
    this.stop();
    this.lastId = afterId;
    this.stopper = new AbortController();
    this.run(this.stopper.signal);
  }

  stop() {
    this.stopper?.abort();
    this.stopper = null;
  }

  async run(stopped) {
    let failures = 0;
    let connectedBefore = false;
    while (!stopped.aborted) {
      try {
        const headers = headersFor('GET', { Accept: 'text/event-stream' });
        if (this.lastId !== null) {
          headers['Last-Event-ID'] = String(this.lastId);
        }

        const response = await fetch(this.url, { headers, signal: stopped, cache: 'no-store', credentials: 'same-origin' });
        if (response.status === 401) {
          this.handlers.onUnauthorized?.();
          return;
        }

        if (!response.ok || !response.body) {
          throw new Error(`the event stream answered ${response.status}`);
        }

        failures = 0;
        this.handlers.onState?.({ state: 'live', resumedAfter: connectedBefore ? this.lastId ?? 0 : null });
        if (connectedBefore) {
          this.handlers.onResync?.();
        }

        connectedBefore = true;
        await this.read(response.body, stopped);
        if (stopped.aborted) {
          return;
        }

        throw new Error('the host closed the event stream');
      } catch (error) {
        if (stopped.aborted) {
          return;
        }

        failures++;
        const delay = BACKOFF_MS[Math.min(failures - 1, BACKOFF_MS.length - 1)];
        this.handlers.onState?.({ state: failures > OFFLINE_AFTER ? 'offline' : 'reconnecting', failures, retryInMs: delay, error: String(error?.message ?? error) });
        await wait(delay, stopped);
      }
    }
  }

  async read(body, stopped) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser((message) => this.dispatch(message));
    const cancel = () => reader.cancel().catch(() => {});
    stopped.addEventListener('abort', cancel, { once: true });
    let silent = false;
    let watchdog = null;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        silent = true;
        cancel();
      }, SILENCE_MS);
    };
    try {
      arm();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          if (silent) {
            throw new Error(`no data from the host for ${SILENCE_MS / 1000} s`);
          }

          return;
        }

        arm();
        parser.push(value);
      }
    } finally {
      clearTimeout(watchdog);
      stopped.removeEventListener('abort', cancel);
    }
  }

  dispatch(message) {
    let data = null;
    try {
      data = message.data ? JSON.parse(message.data) : null;
    } catch {
      data = { text: message.data };
    }

    if (message.type === 'gap') {
      if (data?.reset && typeof data.lastEventId === 'number') {
        // The id asked for is past this stream's last (an earlier run of the host numbered it): go on from its numbering.
        this.lastId = data.lastEventId;
      }

      this.handlers.onGap?.(data?.missed ?? null);
      return;
    }

    if (message.type === 'overflow') {
      // The host cuts the connection next; the reconnect resumes after the last event taken.
      return;
    }

    if (message.id !== null && /^\d+$/.test(message.id)) {
      this.lastId = Number(message.id);
    }

    this.handlers.onEvent?.({ id: this.lastId, type: message.type, data });
  }
}
