// @veritrail/plugin-backup-sftp: backups on an SFTP server (OpenSSH).
export { activate } from './activate.js'
export {
  sftpTarget,
  parseSftpConfig,
  SftpConfigSchema,
  SFTP_TARGET_ID,
  type SftpConfig,
} from './sftp-target.js'
