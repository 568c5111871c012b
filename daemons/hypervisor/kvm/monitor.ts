// One persistent QMP connection per running instance, held by noded: commands share it
// (correlated by id) and its events (SHUTDOWN, RESET…) reach the driver as they happen.
// qemu's QMP socket serves one client at a time, so the connection is opened lazily, once,
// and reopened only after it closed; a noded restart simply opens a new one (re-attach).
import { HypervisorError } from '../../common/errors.js';
import { QmpClient, type QmpCallOptions, type QmpEvent } from './qmp.js';

export type EventHandler = (name: string, ev: QmpEvent) => void;

export class InstanceMonitor {
  private client: QmpClient | null = null;
  private connecting: Promise<QmpClient> | null = null;
  private disposed = false;

  constructor(readonly name: string, readonly socket: string, private readonly onEvent: EventHandler) {}

  /** The open connection, connecting first if needed. */
  async connection(opts: QmpCallOptions = {}): Promise<QmpClient> {
    if (this.disposed) throw new HypervisorError(`QMP monitor of instance ${this.name} is closed`);
    if (this.client && !this.client.closed) return this.client;
    if (!this.connecting) {
      this.connecting = QmpClient.connect(this.socket, { timeoutMs: opts.timeoutMs ?? 5000, ...(opts.signal ? { signal: opts.signal } : {}) })
        .then((c) => {
          if (this.disposed) { c.close(); throw new HypervisorError(`QMP monitor of instance ${this.name} is closed`); }
          c.on('event', (ev) => this.onEvent(this.name, ev));
          c.on('close', () => { if (this.client === c) this.client = null; });
          this.client = c;
          return c;
        })
        .finally(() => { this.connecting = null; });
    }
    return this.connecting;
  }

  async execute<T = unknown>(command: string, args?: Record<string, unknown>, opts: QmpCallOptions = {}): Promise<T> {
    const c = await this.connection(opts);
    return c.execute<T>(command, args, opts);
  }

  get connected(): boolean { return !!this.client && !this.client.closed; }

  close(): void {
    this.disposed = true;
    this.client?.close();
    this.client = null;
  }
}
