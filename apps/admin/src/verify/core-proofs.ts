// The core's pure proof-verification code, imported as it is (ARCHITECTURE §2.10). In the browser
// build, its SHA-256 and Ed25519 modules resolve to @noble stand-ins (vite/core-for-browser.ts).
import '../crypto/buffer-global.ts'

export { canonicalJson } from '../../../../packages/core/src/canonical/canonical-json.ts'
export { openCheckpoint } from '../../../../packages/core/src/ledger/checkpoint.ts'
export { hashLeaf } from '../../../../packages/core/src/ledger/merkle.ts'
export { parseVerifierKey } from '../../../../packages/core/src/ledger/note-keys.ts'
export type { VerifierKey } from '../../../../packages/core/src/ledger/note.ts'
export { verifyInclusion } from '../../../../packages/core/src/ledger/verify-proof.ts'
export { isVerificationError } from '../../../../packages/core/src/ledger/verification-error.ts'
export { decodeBase64 } from '../../../../packages/core/src/ledger/base64.ts'
export { sha256 } from '../crypto/hash.ts'
