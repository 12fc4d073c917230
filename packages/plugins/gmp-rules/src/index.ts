// @veritrail/plugin-gmp-rules: exception rules for GMP audit-trail review by exception (R-RV-04).
export { activate, type Disposable, type GmpActivationContext } from './activate.js'
export * from './rules.js'
export { changesContent } from './substantive.js'
