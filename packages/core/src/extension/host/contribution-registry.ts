import { toDisposable, type Disposable } from '../disposable.js'
import type { ExtensionPoint, PluginManifest } from '../manifest.js'

/** A registered implementation and the plugin it came from. */
export interface Registered<T> {
  pluginId: string
  value: T
}

/**
 * The implementations registered for the four extension points, by id. A registration is
 * accepted only when the plugin's manifest declares that id (and, for versioned points, that
 * version) and no other plugin holds the id; otherwise it is refused and the reason is returned
 * for the plugin's problem list.
 */
export class ContributionRegistry {
  readonly #points = new Map<ExtensionPoint, Map<string, Registered<unknown>>>()

  /** Registers `value`; answers the disposable, or the sentence saying why it was refused. */
  register(
    manifest: PluginManifest,
    point: ExtensionPoint,
    id: unknown,
    version: unknown,
    value: unknown,
  ): { disposable: Disposable } | { refused: string } {
    const declared = manifest.veritrail.contributes[point].find((c) => c.id === id)
    const what = `${POINT_NAMES[point]} ${JSON.stringify(id)}`
    if (!declared) {
      return {
        refused: `It registered ${what}, which its manifest does not declare under contributes.${point}; the registration was refused.`,
      }
    }
    if ('version' in declared && declared.version !== version) {
      return {
        refused: `It registered ${what} version ${JSON.stringify(version)}, but its manifest declares version ${declared.version}; the registration was refused.`,
      }
    }
    const byId = this.#byId(point)
    const holder = byId.get(declared.id)
    if (holder && holder.pluginId !== manifest.name) {
      return {
        refused: `It registered ${what}, which plugin ${holder.pluginId} already provides; the registration was refused.`,
      }
    }
    const entry = { pluginId: manifest.name, value }
    byId.set(declared.id, entry)
    return {
      disposable: toDisposable(() => {
        if (byId.get(declared.id) === entry) byId.delete(declared.id)
      }),
    }
  }

  get<T>(point: ExtensionPoint, id: string): Registered<T> | undefined {
    return this.#byId(point).get(id) as Registered<T> | undefined
  }

  list<T>(point: ExtensionPoint): Registered<T>[] {
    return [...this.#byId(point).values()] as Registered<T>[]
  }

  #byId(point: ExtensionPoint): Map<string, Registered<unknown>> {
    let byId = this.#points.get(point)
    if (!byId) this.#points.set(point, (byId = new Map()))
    return byId
  }
}

/** The extension points as a person names them. */
export const POINT_NAMES: Record<ExtensionPoint, string> = {
  recordTypes: 'record type',
  exceptionRules: 'exception rule',
  exporters: 'exporter',
  backupTargets: 'backup target',
}
