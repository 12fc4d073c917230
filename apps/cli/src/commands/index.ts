import { checkpoint } from './checkpoint.js'
import type { Command } from './command.js'
import { verify } from './verify.js'

/** Every command, in the order `veritrail help` lists them. */
export const commands: Command[] = [verify, checkpoint]
