// @veritrail/plugin-backup-s3: backups on S3-compatible object storage.
export { activate } from './activate.js'
export {
  s3Target,
  parseS3Config,
  S3ConfigSchema,
  S3_TARGET_ID,
  type S3Config,
  type ClientFactory,
} from './s3-target.js'
