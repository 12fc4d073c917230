import * as v from 'valibot'
import semver from 'semver'

/** A contribution id: `<pack>.<name>`, e.g. `meddev.batch` or `acme.lateReview`. */
export const CONTRIBUTION_ID = /^[a-z][a-z0-9-]*(\.[A-Za-z0-9_-]+)+$/

// npm package names, scoped or not (the plugin id is its package name).
const PACKAGE_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/
const ACTIVATION_EVENT =
  /^(onStartup|onReview|onRecordType|onExceptionRule|onExporter|onBackupTarget)(:[a-z][a-z0-9-]*(\.[A-Za-z0-9_-]+)+)?$/

const id = (what: string) =>
  v.pipe(v.string(), v.regex(CONTRIBUTION_ID, `${what} id reads <pack>.<name>, e.g. acme.batch.`))
const version = v.pipe(
  v.string(),
  v.check((s) => semver.valid(s) === s, 'A version is a semantic version such as 1.0.0.'),
)
const versioned = (what: string) => v.strictObject({ id: id(what), version })
const unique = <T extends { id: string }>(what: string) =>
  v.check<T[], string>(
    (list) => new Set(list.map((c) => c.id)).size === list.length,
    `Each ${what} id may be declared once.`,
  )

/** The `contributes` block: what a plugin provides, readable without running its code. */
export const ContributionsSchema = v.strictObject({
  recordTypes: v.optional(v.pipe(v.array(versioned('A record type')), unique('record type')), []),
  exceptionRules: v.optional(
    v.pipe(v.array(versioned('An exception rule')), unique('exception rule')),
    [],
  ),
  exporters: v.optional(
    v.pipe(v.array(v.strictObject({ id: id('An exporter') })), unique('exporter')),
    [],
  ),
  backupTargets: v.optional(
    v.pipe(v.array(v.strictObject({ id: id('A backup target') })), unique('backup target')),
    [],
  ),
})

/** The `"veritrail"` block of a plugin's package.json (ARCHITECTURE §3). */
export const VeritrailBlockSchema = v.strictObject({
  /** The core versions the plugin works with, as a semver range such as `^0.1.0`. */
  engine: v.pipe(
    v.string(),
    v.check((s) => semver.validRange(s) !== null, 'engine must be a semver range such as ^0.1.0.'),
  ),
  /**
   * When to activate: `onStartup`, or `on<Point>` / `on<Point>:<id>` for a contributed record
   * type, exception rule, exporter or backup target; `onReview` is `onExceptionRule` (rules are
   * needed when a review runs). Default: when any contribution is needed.
   */
  activation: v.optional(
    v.array(
      v.pipe(
        v.string(),
        v.regex(
          ACTIVATION_EVENT,
          'An activation event reads onStartup, onReview, onRecordType or onRecordType:<id> (likewise onExceptionRule, onExporter, onBackupTarget).',
        ),
      ),
    ),
  ),
  contributes: ContributionsSchema,
  displayName: v.optional(v.pipe(v.string(), v.minLength(1))),
})

/** The parts of package.json the host reads; other fields are the package's own business. */
export const PluginPackageSchema = v.looseObject({
  name: v.pipe(v.string(), v.regex(PACKAGE_NAME, 'name must be an npm package name.')),
  version,
  main: v.optional(v.string()),
  exports: v.optional(v.unknown()),
  veritrail: VeritrailBlockSchema,
})

/** A plugin's validated manifest. */
export type PluginManifest = v.InferOutput<typeof PluginPackageSchema>
/** The declared contributions, every list present (empty when not declared). */
export type Contributions = v.InferOutput<typeof ContributionsSchema>

/** The outcome of reading a manifest: valibot's result style, problems as sentences. */
export type ManifestResult =
  { success: true; manifest: PluginManifest } | { success: false; problems: string[] }

/**
 * Validates a parsed package.json as a Veritrail plugin manifest, strictly: unknown keys in the
 * `"veritrail"` block, malformed ids or versions, unknown activation events, an activation event
 * naming an undeclared contribution, and duplicate ids are all problems.
 *
 * @example
 * const read = parseManifest(JSON.parse(readFileSync('package.json', 'utf8')))
 * if (!read.success) console.error(read.problems.join('\n'))
 */
export function parseManifest(json: unknown): ManifestResult {
  if (typeof json === 'object' && json !== null && !('veritrail' in json)) {
    return {
      success: false,
      problems: ['package.json has no "veritrail" block, so it is not a Veritrail plugin.'],
    }
  }
  const parsed = v.safeParse(PluginPackageSchema, json)
  if (!parsed.success) {
    return {
      success: false,
      problems: parsed.issues.map(
        (issue) => `${v.getDotPath(issue) ?? 'package.json'}: ${issue.message}`,
      ),
    }
  }
  const manifest = parsed.output
  const problems = (manifest.veritrail.activation ?? []).flatMap((event) => {
    const [point, target] = event.split(':') as [string, string | undefined]
    if (point === 'onStartup' || point === 'onReview' || target === undefined) return []
    const declared = contributionIds(manifest.veritrail.contributes, pointOf(point))
    return declared.includes(target)
      ? []
      : [`veritrail.activation: ${event} names a contribution the manifest does not declare.`]
  })
  return problems.length > 0 ? { success: false, problems } : { success: true, manifest }
}

/** The four extension points, as named in `contributes`. */
export type ExtensionPoint = keyof Contributions

/** The ids a manifest declares for one extension point. */
export function contributionIds(contributes: Contributions, point: ExtensionPoint): string[] {
  return contributes[point].map((c) => c.id)
}

function pointOf(event: string): ExtensionPoint {
  const points: Record<string, ExtensionPoint> = {
    onRecordType: 'recordTypes',
    onExceptionRule: 'exceptionRules',
    onExporter: 'exporters',
    onBackupTarget: 'backupTargets',
  }
  return points[event]!
}

/** The activation event that asks for contribution `id` of `point`, e.g. `onRecordType:meddev.batch`. */
export function activationEvent(point: ExtensionPoint, id: string): string {
  const names: Record<ExtensionPoint, string> = {
    recordTypes: 'onRecordType',
    exceptionRules: 'onExceptionRule',
    exporters: 'onExporter',
    backupTargets: 'onBackupTarget',
  }
  return `${names[point]}:${id}`
}

/**
 * Whether `event` activates a plugin with this manifest. Without an `activation` list, any
 * contribution being needed activates it (VS Code's implied activation events).
 */
export function activatesOn(manifest: PluginManifest, event: string): boolean {
  const events = manifest.veritrail.activation
  if (events === undefined) return true
  const point = event.split(':')[0]!
  const review = point === 'onExceptionRule' && events.includes('onReview')
  return review || events.some((e) => e === event || e === point || e === 'onStartup')
}

/**
 * Checks the engine range against the running core. Returns null when compatible, else a
 * sentence saying why the plugin stays disabled.
 */
export function engineProblem(manifest: PluginManifest, coreVersion: string): string | null {
  const range = manifest.veritrail.engine
  if (semver.satisfies(coreVersion, range, { includePrerelease: true })) return null
  return `${manifest.name} ${manifest.version} needs Veritrail ${range}, but this is Veritrail ${coreVersion}; install a version of the plugin made for ${coreVersion}.`
}
