/// <reference lib="webworker" />
// One helper thread of the WebAssembly kernels' pool, started by the bench worker.
import { startThread, type ThreadStart } from '$lib/kernels/wasm/thread';

self.onmessage = (e: MessageEvent<ThreadStart>) => startThread(e.data, (reply) => self.postMessage(reply));
