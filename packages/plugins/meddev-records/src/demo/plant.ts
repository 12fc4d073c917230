import { products, type DemoSetpoints } from './catalogue.js'
import { sops } from './people.js'

/** What the demo site knows beyond its records: what is in force, and running numbers. */
export class Plant {
  /** Product code → key of the approved recipe in use, and its setpoints. */
  readonly recipes = new Map<string, string>()
  readonly setpoints = new Map<string, DemoSetpoints>(products.map((p) => [p.code, p.setpoints]))
  /** Product code → key of the approved BOM. */
  readonly boms = new Map<string, string>()
  /** Document number → key of its approved revision. */
  readonly documents = new Map<string, string>()
  /** SOP number → revision in force. */
  readonly sopRevisions = new Map<string, string>(sops.map((s) => [s.number, s.revision]))
  /** Equipment id → calibration due date. */
  readonly calibrationDue = new Map<string, string>()
  /** Product code → last serial number issued. */
  readonly serials = new Map<string, number>()
  /** Supplier codes with a qualification record. */
  readonly suppliers = new Set<string>()
  /** What a running change control is changing (`recipe:GZD-0808`, …), so two never collide. */
  readonly busy = new Set<string>()
}

/** The next revision letter: A → B, Z → AA. */
export function nextRevision(revision: string): string {
  return revision === 'Z'
    ? 'AA'
    : revision.slice(0, -1) + String.fromCharCode(revision.charCodeAt(revision.length - 1) + 1)
}

/** `n` with leading zeros to `width` digits. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}
