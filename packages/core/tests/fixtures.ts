import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as v from 'valibot'
import { randomUUID } from 'node:crypto'
import { openCore, type CoreConfig } from '../src/core.js'
import type { ActionContext } from '../src/ledger/context.js'
import { decimal, defineRecordType, staticRegistry } from '../src/extension/record-type.js'

/** A test-only record type: a sterilisation run with a critical process parameter. */
export const sterilisation = defineRecordType({
  id: 'test.sterilisation',
  version: '1.0.0',
  title: { en: 'Sterilisation run', 'zh-CN': '灭菌记录' },
  schema: v.object({
    batch: v.pipe(v.string(), v.minLength(1)),
    minutes: decimal(),
    operatorNote: v.optional(v.string()),
    readings: v.optional(v.array(v.number())),
  }),
  fields: {
    batch: { kind: 'text', label: { en: 'Batch', 'zh-CN': '批号' } },
    minutes: { kind: 'decimal', unit: 'min', critical: 'CPP', label: { en: 'Sterilisation time', 'zh-CN': '灭菌时间' } },
    operatorNote: { kind: 'longtext', label: { en: 'Operator note', 'zh-CN': '操作员备注' } },
    readings: { kind: 'list', label: { en: 'Readings', 'zh-CN': '读数' } },
  },
  reasons: [
    { code: 'typo', label: { en: 'Typing error', 'zh-CN': '录入错误' } },
    { code: 'other', label: { en: 'Other', 'zh-CN': '其他' }, requiresText: true },
  ],
  deletable: { roles: ['operator'] },
  unique: ['batch'],
})

/** A test-only record with a lifecycle: draft → reviewed → released (locked) or rejected. */
export const release = defineRecordType({
  id: 'test.release',
  version: '1.0.0',
  title: { en: 'Batch release', 'zh-CN': '批放行' },
  schema: v.object({
    batch: v.pipe(v.string(), v.minLength(1)),
    status: v.picklist(['draft', 'reviewed', 'released', 'rejected', 'controlled']),
    comment: v.optional(v.string()),
  }),
  fields: {
    batch: { kind: 'text', critical: 'GMP', label: { en: 'Batch', 'zh-CN': '批号' } },
    status: { kind: 'enum', label: { en: 'Status', 'zh-CN': '状态' } },
    comment: { kind: 'longtext', label: { en: 'Comment', 'zh-CN': '备注' } },
  },
  reasons: [{ code: 'correction', label: { en: 'Correction', 'zh-CN': '更正' } }],
  lifecycle: {
    field: 'status',
    initial: 'draft',
    states: [
      { id: 'draft', label: { en: 'Draft', 'zh-CN': '草稿' } },
      { id: 'reviewed', label: { en: 'Reviewed', 'zh-CN': '已审核' } },
      { id: 'released', label: { en: 'Released', 'zh-CN': '已放行' }, locks: true },
      { id: 'rejected', label: { en: 'Rejected', 'zh-CN': '已拒绝' }, locks: true },
      { id: 'controlled', label: { en: 'Under change control', 'zh-CN': '变更控制中' }, locks: 'change-control' },
    ],
    transitions: [
      { from: 'draft', to: 'reviewed', label: { en: 'Mark reviewed', 'zh-CN': '标记已审核' }, signatures: ['review'] },
      { from: 'reviewed', to: 'released', label: { en: 'Release', 'zh-CN': '放行' }, signatures: ['approval'], requiresReview: true },
      { from: 'reviewed', to: 'rejected', label: { en: 'Reject', 'zh-CN': '拒绝' } },
      { from: 'draft', to: 'controlled', label: { en: 'Put under change control', 'zh-CN': '纳入变更控制' } },
    ],
  },
})

export const registry = staticRegistry([sterilisation, release])

export function operator(name = 'alice'): ActionContext {
  return {
    actor: { id: `u-${name}`, username: name, displayName: `${name[0]!.toUpperCase()}${name.slice(1)} Example`, role: 'operator', type: 'person' },
    client: { ip: '127.0.0.1', userAgent: 'vitest' },
    correlationId: randomUUID(),
    session: 's-1',
  }
}

/** A fresh data directory, removed by the returned cleanup. */
export function tempDir(prefix = 'veritrail-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export async function testCore(dir: string, extra: Partial<CoreConfig> = {}) {
  return openCore({ dataDir: dir, registry, timeZone: 'Europe/Berlin', program: 'vitest', ...extra })
}
