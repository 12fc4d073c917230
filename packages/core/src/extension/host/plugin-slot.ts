import type { Disposable } from '../disposable.js'
import { disposeAll } from '../disposable.js'
import type { Contributions } from '../manifest.js'
import type { DiscoveredPack } from './discovery.js'
import type { InProcessPlugin } from './in-process-plugin.js'
import type { PluginOrigin, PluginStatus, StatusDecision } from './plugin-status.js'
import type { SandboxedPack } from './sandboxed-pack.js'

/**
 * One plugin as the host lists it (and as `GET /api/v1/plugins` returns it). `manifestHash` is
 * what every finding of its rules records beside the rule id and version.
 */
export interface PluginInfo {
  id: string
  version: string
  /** The signer named in the pack's signature (`<name>+<key id>`), or null when unsigned. */
  publisher: string | null
  origin: PluginOrigin
  dir: string
  /** Signed by a publisher key in the trust store, every file matching the signature. */
  signed: boolean
  /** May run: first-party, signed by a trusted publisher, or trusted explicitly by its hash. */
  trusted: boolean
  enabled: boolean
  manifestHash: string | null
  contributes: Contributions
  status: PluginStatus
  /** Sentences saying what is wrong or missing, newest last. */
  problems: string[]
}

/** The host's bookkeeping for one pack. */
export class PluginSlot {
  readonly pack: DiscoveredPack
  decision: StatusDecision | null
  inProcess: InProcessPlugin | undefined
  sandbox: SandboxedPack | undefined
  /** Registrations made on the plugin's behalf from a sandbox's report. */
  sandboxRegistrations: Disposable[] = []
  sandboxActivated: Promise<void> | undefined
  /** Set when it failed to load or activate, or spent its crash budget. */
  failure: { status: 'failed' | 'disabled'; reason: string } | undefined
  readonly runtimeProblems: string[] = []

  constructor(pack: DiscoveredPack, decision: StatusDecision | null) {
    this.pack = pack
    this.decision = decision
  }

  /** Whether the plugin may run now (its code loaded lazily). */
  get runnable(): boolean {
    return this.decision?.status === 'ready' && this.failure === undefined
  }

  get status(): PluginStatus {
    if (this.pack.unusable) return this.pack.unusable.status
    if (this.failure) return this.failure.status
    if (this.decision?.status !== 'ready') return this.decision!.status
    return this.inProcess?.active || this.sandboxActivated ? 'active' : 'ready'
  }

  info(): PluginInfo {
    const { manifest, verification } = this.pack
    return {
      id: this.pack.id,
      version: manifest?.version ?? '',
      publisher: verification?.publisher ?? null,
      origin: this.pack.origin,
      dir: this.pack.dir,
      signed: this.decision?.signed ?? false,
      trusted: this.decision?.trusted ?? false,
      enabled: (this.decision?.enabled ?? false) && this.failure?.status !== 'disabled',
      manifestHash: verification?.manifestHash ?? null,
      contributes: manifest?.veritrail.contributes ?? {
        recordTypes: [],
        exceptionRules: [],
        exporters: [],
        backupTargets: [],
      },
      status: this.status,
      problems: [
        ...(this.pack.unusable?.problems ?? this.decision?.problems ?? []),
        ...this.runtimeProblems,
        ...(this.failure ? [this.failure.reason] : []),
      ],
    }
  }

  /** Undoes everything the plugin registered and stops its code. */
  async stop(): Promise<void> {
    disposeAll(this.sandboxRegistrations)
    this.sandboxRegistrations = []
    this.sandboxActivated = undefined
    this.sandbox?.stop()
    await this.inProcess?.deactivate()
  }
}
