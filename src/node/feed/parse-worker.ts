import { parentPort } from 'node:worker_threads';
import { err } from '../../core/result';
import { runParseJob, type ParseInput } from './parse-job';

/**
 * The feed parser thread. A hostile feed that makes a parser slow, or eat memory, stalls
 * or kills this thread, never the process that serves the screens.
 */
interface Request {
  readonly id: number;
  readonly input: ParseInput;
}

const port = parentPort;
if (port) {
  port.on('message', (request: Request) => {
    void runParseJob(request.input)
      .catch((e: unknown) => err(`the parser failed: ${e instanceof Error ? e.message : String(e)}`))
      // One string crosses the thread boundary, rather than a clone of thousands of small objects.
      .then((result) => port.postMessage({ id: request.id, json: JSON.stringify(result) }));
  });
  port.postMessage({ ready: true });
}
