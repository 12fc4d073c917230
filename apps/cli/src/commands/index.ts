import { checkpoint } from './checkpoint.js'
import { demoSeed } from './demo.js'
import type { Command } from './command.js'
import { backupList, backupPrune, backupRun, backupVerify, restoreDrillCommand } from './backup.js'
import { backupRestore } from './backup-restore.js'
import { archiveCreate, archiveImport, archiveVerify } from './backup-archive.js'
import { pluginKeygen } from './plugin-keygen.js'
import { pluginNew } from './plugin-new.js'
import { pluginSign } from './plugin-sign.js'
import { pluginVerify } from './plugin-verify.js'
import { verify } from './verify.js'
import { exportCommand } from './export.js'
import { verifyPackage } from './verify-package.js'

/** Every command, in the order `veritrail help` lists them. */
export const commands: Command[] = [
  verify,
  verifyPackage,
  exportCommand,
  checkpoint,
  demoSeed,
  pluginNew,
  pluginKeygen,
  pluginSign,
  pluginVerify,
  backupRun,
  backupList,
  backupVerify,
  backupRestore,
  backupPrune,
  restoreDrillCommand,
  archiveCreate,
  archiveVerify,
  archiveImport,
]
