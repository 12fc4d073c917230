// The public entry of @veritrail/plugin-exporter-evidence: the evidence-package exporter and the
// offline verifier behind `veritrail verify-package`.

export { activate } from './activate.js'
export { evidenceExporter, SEGMENT_ENTRIES } from './evidence.js'
export { formatManifest, parseManifest, MANIFEST_FILE, type Manifest, type SeqRuns } from './manifest.js'
export { verifyEvidencePackage, type PackageVerification } from './verify/verify-package.js'
