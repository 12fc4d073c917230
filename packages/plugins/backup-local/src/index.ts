// @veritrail/plugin-backup-local: the built-in `local` backup target (CONTRACT §9).
export { activate, localTarget, LOCAL_TARGET_ID } from './activate.js'
