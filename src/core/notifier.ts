/**
 * The one change-notification style: a store owns a notifier, calls `notify` after a change
 * that happened, and hands out `subscribe` (which returns its own unsubscribe). A listener
 * that throws does not stop the others from hearing the change; the owner is told (it must
 * log it and show it where an operator looks: nothing is swallowed).
 */
export interface Notifier<T> {
  subscribe(listener: (value: T) => void): () => void;
  notify(value: T): void;
  clear(): void;
  readonly listenerCount: number;
}

export function createNotifier<T = void>(onListenerError: (error: unknown) => void): Notifier<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    notify(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    clear: () => listeners.clear(),
    get listenerCount() {
      return listeners.size;
    },
  };
}
