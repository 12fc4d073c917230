import { VeritrailError } from '../errors.js'
import type { ActionContext } from '../ledger/context.js'
import type { Ledger } from '../ledger/ledger.js'
import type { SettingsService } from '../settings/settings.js'
import { accountByUsername } from '../store/queries/identity.js'
import type { AppendRows, StoreReads } from '../store/types.js'
import type { EntryDraft } from '../ledger/entry.js'
import { accountEntry, temporaryPassword } from './account.js'
import { checkNewPassword, hashPassword } from './password.js'

/**
 * First start: creates the `system` account (the actor of the system's own entries; it cannot
 * sign in) and the bootstrap `admin` (sysadmin) whose password is `VERITRAIL_ADMIN_PASSWORD` or a
 * random one returned here to print once. Either must be changed at first login. Later starts
 * create nothing.
 */
export async function bootstrapAccounts(
  deps: { ledger: Ledger; reads: StoreReads; settings: SettingsService },
  ctx: ActionContext,
  adminPassword?: string,
): Promise<{ createdAdmin: boolean; generatedPassword?: string }> {
  const hasSystem = await accountByUsername(deps.reads.sql, 'system')
  const hasAdmin = await accountByUsername(deps.reads.sql, 'admin')
  if (hasSystem && hasAdmin) return { createdAdmin: false }
  let password = adminPassword
  let generated: string | undefined
  if (!hasAdmin) {
    if (password === undefined) password = generated = temporaryPassword()
    else {
      try {
        await checkNewPassword(password, { username: 'admin', policy: (await deps.settings.get()).password, previousHashes: [] })
      } catch (error) {
        throw new VeritrailError('validation_failed', `VERITRAIL_ADMIN_PASSWORD is not acceptable: ${(error as Error).message.replace(/^The new password is not acceptable: /, '')}`)
      }
    }
  }
  const adminHash = password === undefined ? null : await hashPassword(password)
  await deps.ledger.commit(async () => {
    const entries: EntryDraft[] = []
    const accounts: NonNullable<AppendRows['accounts']> = []
    const versions: NonNullable<AppendRows['accountVersions']> = []
    const plan = [
      ...(hasSystem ? [] : [{ id: 'system', username: 'system', displayName: 'Veritrail system', kind: 'system' as const, roles: ['system'], hash: null, must: false }]),
      ...(hasAdmin ? [] : [{ id: 'admin', username: 'admin', displayName: 'Bootstrap administrator', kind: 'person' as const, roles: ['sysadmin'], hash: adminHash, must: true }]),
    ]
    for (const p of plan) {
      entries.push(
        accountEntry(ctx, 'user_create', p, 1, {
          changes: [
            { field: 'displayName', label: 'Full name', new: p.displayName },
            { field: 'roles', label: 'Roles', new: p.roles },
            { field: 'status', label: 'Status', new: 'active' },
          ],
          details: { kind: p.kind, bootstrap: true },
        }),
      )
    }
    return {
      entries,
      rows: (committed) => {
        plan.forEach((p, i) => {
          const c = committed[i]!
          accounts.push({ id: p.id, username: p.username, kind: p.kind, ts: c.ts })
          versions.push({
            accountId: p.id, version: 1, displayName: p.displayName, roles: JSON.stringify(p.roles), status: 'active' as const,
            passwordHash: p.hash, passwordSetTs: p.hash ? c.ts : null, mustChangePassword: p.must, totpSecret: null,
            signatureAcceptedTs: null, seq: c.seq, ts: c.ts, actorId: ctx.actor.id,
          })
        })
        return { accounts, accountVersions: versions }
      },
      result: () => undefined,
    }
  })
  return generated ? { createdAdmin: !hasAdmin, generatedPassword: generated } : { createdAdmin: !hasAdmin }
}
