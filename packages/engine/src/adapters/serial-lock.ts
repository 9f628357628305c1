/** Runs async sections one at a time, in the order they were requested. */
export interface SerialLock {
  /** Runs `section` once every section requested before it has settled; settles as `section` does. */
  run<T>(section: () => Promise<T>): Promise<T>;
}

/** Creates a {@link SerialLock}: a FIFO mutex for a resource that serves one caller at a time. */
export function createSerialLock(): SerialLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(section: () => Promise<T>): Promise<T> {
      const result = tail.then(section);
      // The next section waits for this one to settle, whether it resolved or threw.
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
}
