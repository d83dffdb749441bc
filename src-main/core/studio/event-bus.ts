import { EventEmitter } from 'node:events';
import type { StudioEvent } from '../api/events.ts';

/** Fan-out of core events to every door that listens (HTTP event stream, IPC, CLI progress). */
export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(100);
  }
  emit(event: StudioEvent): void {
    this.emitter.emit('event', event);
  }
  subscribe(listener: (event: StudioEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
