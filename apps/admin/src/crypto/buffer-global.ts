import { Buffer } from 'buffer'

// The core's base64 and signed-note helpers use Node's global `Buffer` (hex and base64
// conversions). Import this module first in any browser bundle that runs them.
const scope = globalThis as { Buffer?: unknown }
scope.Buffer ??= Buffer
