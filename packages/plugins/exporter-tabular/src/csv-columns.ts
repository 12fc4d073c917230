import { formatTimeView, type EntryView, type ExportedEntry, type LocalizedText, type Locale } from '@veritrail/core'
import { textCell } from './csv-format.js'

/** One column: its heading in each locale and how an entry fills it. */
interface Column {
  heading: LocalizedText
  cell(view: EntryView, item: ExportedEntry, locale: Locale): string
  /** Never holds a comma, quote or line break (numbers, times, ids, hashes): written as is. */
  plain?: boolean
}

const TRAILS: Record<string, LocalizedText> = {
  data: { en: 'Data trail', 'zh-CN': '数据审计追踪' },
  system: { en: 'System trail', 'zh-CN': '系统审计追踪' },
}
const ACCOUNT: Record<string, LocalizedText> = {
  person: { en: 'Person', 'zh-CN': '人员' },
  system: { en: 'System account', 'zh-CN': '系统账户' },
}
const YES_NO = { true: { en: 'yes', 'zh-CN': '是' }, false: { en: 'no', 'zh-CN': '否' } }
const lines = (rows: string[]) => rows.join('\n')

/**
 * The columns of the CSV export: every member of the entry, the people-facing ones as labels
 * (R-EX-02), then the changes as JSON, the leaf hash and the stored entry itself, so nothing of
 * the entry is lost and each row can be checked against the trail.
 */
export const COLUMNS: Column[] = [
  { heading: { en: 'Trail', 'zh-CN': '审计追踪' }, cell: (v, _, l) => TRAILS[v.trail]![l] },
  { heading: { en: 'Sequence number', 'zh-CN': '序号' }, cell: (v) => String(v.seq) , plain: true },
  { heading: { en: 'Time (UTC)', 'zh-CN': '时间（UTC）' }, cell: (v) => v.time.utc , plain: true },
  { heading: { en: 'Local time', 'zh-CN': '当地时间' }, cell: (v) => v.time.local , plain: true },
  { heading: { en: 'Time zone', 'zh-CN': '时区' }, cell: (v) => v.time.zone , plain: true },
  { heading: { en: 'UTC offset', 'zh-CN': 'UTC 偏移' }, cell: (v) => v.time.offset , plain: true },
  { heading: { en: 'Name', 'zh-CN': '姓名' }, cell: (v) => textCell(v.actor.name) },
  { heading: { en: 'User name', 'zh-CN': '用户名' }, cell: (v) => textCell(v.actor.username) },
  { heading: { en: 'User ID', 'zh-CN': '用户 ID' }, cell: (_, i) => i.entry.actor.id , plain: true },
  { heading: { en: 'Role', 'zh-CN': '角色' }, cell: (v) => v.actor.role },
  { heading: { en: 'Account type', 'zh-CN': '账户类型' }, cell: (_, i, l) => ACCOUNT[i.entry.actor.type]?.[l] ?? i.entry.actor.type },
  { heading: { en: 'Action', 'zh-CN': '操作' }, cell: (v) => v.action },
  { heading: { en: 'Record type', 'zh-CN': '记录类型' }, cell: (v) => textCell(v.record?.title) },
  { heading: { en: 'Record type ID', 'zh-CN': '记录类型 ID' }, cell: (v) => v.record?.type ?? '' , plain: true },
  { heading: { en: 'Record type version', 'zh-CN': '记录类型版本' }, cell: (_, i) => i.entry.target?.typeVersion ?? '' , plain: true },
  { heading: { en: 'Record ID', 'zh-CN': '记录 ID' }, cell: (v) => v.record?.id ?? ''  },
  { heading: { en: 'Record version', 'zh-CN': '记录版本' }, cell: (v) => (v.record ? String(v.record.version) : '') , plain: true },
  { heading: { en: 'Record content hash (SHA-256)', 'zh-CN': '记录内容哈希（SHA-256）' }, cell: (_, i) => i.entry.target?.recordHash ?? '' , plain: true },
  { heading: { en: 'Modified after original entry', 'zh-CN': '首次录入后曾修改' }, cell: (v, _, l) => (v.record ? YES_NO[`${v.modifiedAfterEntry}`][l] : '') },
  { heading: { en: 'Changes (field: old → new)', 'zh-CN': '变更（字段：原值 → 新值）' }, cell: (v) => textCell(lines(v.changes.map((c) => `${c.label}: ${c.old} → ${c.new}`))) },
  { heading: { en: 'Reason', 'zh-CN': '原因' }, cell: (v) => textCell(v.reason?.label) },
  { heading: { en: 'Reason text', 'zh-CN': '原因说明' }, cell: (v) => textCell(v.reason?.text) },
  {
    heading: { en: 'Electronic signature', 'zh-CN': '电子签名' },
    cell: (v) => (v.signature ? textCell(`${v.signature.meaning}: ${v.signature.signer} (${v.actor.username}, ${v.actor.role}), ${formatTimeView(v.time)}`) : ''),
  },
  { heading: { en: 'Authorised by', 'zh-CN': '授权人' }, cell: (v) => textCell(v.authorizer) },
  { heading: { en: 'Correlation ID', 'zh-CN': '关联 ID' }, cell: (_, i) => i.entry.correlationId , plain: true },
  { heading: { en: 'Session', 'zh-CN': '会话' }, cell: (_, i) => i.entry.session ?? '' , plain: true },
  { heading: { en: 'Client address', 'zh-CN': '客户端地址' }, cell: (_, i) => i.entry.client.ip , plain: true },
  { heading: { en: 'Client software', 'zh-CN': '客户端软件' }, cell: (_, i) => textCell(i.entry.client.userAgent) },
  { heading: { en: 'Source system', 'zh-CN': '来源系统' }, cell: (v) => textCell(v.source?.system) },
  { heading: { en: 'Source user', 'zh-CN': '来源系统用户' }, cell: (v) => textCell(v.source?.user) },
  { heading: { en: 'Source time', 'zh-CN': '来源系统时间' }, cell: (v) => v.source?.time.utc ?? ''  },
  { heading: { en: 'Source reference', 'zh-CN': '来源参考号' }, cell: (v) => textCell(v.source?.ref) },
  { heading: { en: 'Content when deleted', 'zh-CN': '删除时的内容' }, cell: (v) => textCell(lines(v.snapshot.map((s) => `${s.label}: ${s.value}`))) },
  { heading: { en: 'Other details', 'zh-CN': '其他信息' }, cell: (v) => textCell(lines(v.details.map((d) => `${d.label}: ${d.value}`))) },
  { heading: { en: 'Changes (JSON)', 'zh-CN': '变更（JSON）' }, cell: (_, i) => (i.entry.changes ? JSON.stringify(i.entry.changes) : '') },
  { heading: { en: 'Leaf hash (base64)', 'zh-CN': '叶哈希（base64）' }, cell: (_, i) => Buffer.from(i.leafHash, 'hex').toString('base64') , plain: true },
  { heading: { en: 'Entry as stored (JSON)', 'zh-CN': '存储的条目（JSON）' }, cell: (_, i) => i.bytes },
]
