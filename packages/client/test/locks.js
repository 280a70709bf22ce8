// Web Locks as the browser grants them, for the tests of tabs sharing one socket (Node has no navigator.locks):
// exclusive, in the order asked, released when the callback's promise settles, a waiting request abortable.
export class Locks {
  /** @type {Map<string, Array<() => void>>} the waiting requests of each name, the holder first */
  #queues = new Map();

  request(name, options, callback) {
    if (typeof options === "function") [callback, options] = [options, {}];
    return new Promise((resolve, reject) => {
      const queue = this.#queues.get(name) ?? [];
      this.#queues.set(name, queue);
      const grant = async () => {
        options.signal?.removeEventListener("abort", abort);
        try {
          resolve(await callback({ name, mode: "exclusive" }));
        } catch (error) {
          reject(error);
        } finally {
          queue.shift();
          queue[0]?.();
        }
      };
      const abort = () => {
        const at = queue.indexOf(grant);
        if (at > 0) queue.splice(at, 1);
        reject(new DOMException("The request was aborted.", "AbortError"));
      };
      if (options.signal?.aborted) return abort();
      options.signal?.addEventListener("abort", abort, { once: true });
      queue.push(grant);
      if (queue.length === 1) grant();
    });
  }
}
