import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { actorOf, exportInProcess, openPlatform, planExport, type ActionContext, type Core, type ExportOutcome, type Platform, type Principal } from '@veritrail/core'

const client = { ip: '10.0.0.7', userAgent: 'vitest' }

export interface Person {
  principal: Principal
  ctx: ActionContext
  password: string
}

/** A real installation in a temp directory: libSQL file, keys, first-party plugins. */
export interface Site {
  dir: string
  platform: Platform
  core: Core
  op: Person
  rev: Person
  qa: Person
  supplierId: string
  unchangedId: string
  certificate: string
  close(): Promise<void>
}

async function person(core: Core, admin: ActionContext, username: string, displayName: string, role: string): Promise<Person> {
  const password = `${username} has a long password`
  await core.accounts.create({ username, displayName, roles: [role], password: 'temporary password x' }, admin)
  await core.sessions.changePassword({ username, currentPassword: 'temporary password x', newPassword: password }, client)
  const login = await core.sessions.login({ username, password }, client)
  const principal = await core.sessions.authenticate(login.token, client)
  return { principal, ctx: { actor: actorOf(principal.account, role), client, correlationId: `c-${username}`, session: login.sessionId }, password }
}

/**
 * A supplier qualified after an on-site audit: created with an ISO 13485 certificate attached,
 * approved with a Chinese reason, signed by an independent reviewer; and a second supplier left
 * as first entered.
 */
export async function openSite(): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'veritrail-evidence-'))
  const platform = await openPlatform({ dataDir: dir, timeZone: 'Asia/Shanghai', program: 'vitest' })
  const core = platform.core
  await core.bootstrap('bootstrap admin password')
  await core.sessions.changePassword({ username: 'admin', currentPassword: 'bootstrap admin password', newPassword: 'admin final password' }, client)
  const login = await core.sessions.login({ username: 'admin', password: 'admin final password' }, client)
  const admin = { actor: actorOf((await core.sessions.authenticate(login.token, client)).account, 'sysadmin'), client, correlationId: 'c-admin', session: login.sessionId }
  const op = await person(core, admin, 'olivia', 'Olivia Operator', 'operator')
  const rev = await person(core, admin, 'rita', 'Rita Reviewer', 'reviewer')
  const qa = await person(core, admin, 'quinn', 'Quinn 质量', 'qa')
  await core.signatures.acceptStatement(rev.principal, rev.ctx)
  const certificate = (await core.attachments.put(Buffer.from('%PDF-1.4 ISO 13485 certificate of 苏州洁康'), { mediaType: 'application/pdf', filename: 'iso13485.pdf' }, op.ctx)).sha256
  const type = 'meddev.supplierQualification'
  const data = { supplierCode: 'SUP-900', supplierName: '苏州洁康医用材料有限公司', scope: '医用脱脂纱布', supplierClass: 'A', qualificationStatus: 'pending', certificate }
  const { id } = await core.records.create(type, data, op.ctx)
  await core.records.update(type, id, { data: { ...data, qualificationStatus: 'approved' }, baseVersion: 1, reason: { code: 'qualification_decision', text: '现场审核通过，审核报告 QA-AUD-2026-017' } }, op.ctx)
  await core.signatures.sign({ target: { type, id, version: 2 }, meaning: 'review', password: rev.password, username: 'rita' }, rev.principal, rev.ctx)
  const unchanged = await core.records.create(type, { supplierCode: 'SUP-901', supplierName: 'Trays Ltd', scope: 'Sterile trays', supplierClass: 'B', qualificationStatus: 'pending' }, op.ctx)
  return {
    dir,
    platform,
    core,
    op,
    rev,
    qa,
    supplierId: id,
    unchangedId: unchanged.id,
    certificate,
    async close() {
      await platform.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Exports through the core as the CLI does, into `path`. */
export async function exportTo(site: Site, format: string, filter: Record<string, string>, path: string, who: Person = site.qa): Promise<ExportOutcome> {
  const plan = await planExport(site.core, site.platform.plugins, { format, filter, locale: 'zh-CN' }, who.ctx)
  const exporter = (await site.platform.plugins.exporters()).find((e) => e.value.id === plan.format.exporterId)!.value
  const out = createWriteStream(path)
  const outcome = await exportInProcess(site.core, exporter, plan, {
    sink: async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain')
    },
  })
  out.end()
  await once(out, 'close')
  return outcome
}
