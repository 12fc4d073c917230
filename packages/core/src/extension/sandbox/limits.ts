/** Limits a sandbox runs under; every one has a default suited to a server. */
export interface SandboxLimits {
  /** Heap limit in MiB (`--max-old-space-size` / worker `resourceLimits`); default 128. */
  memoryMb: number
  /** How long a sandbox may take to start and say it is ready; default 10 s. */
  startTimeoutMs: number
  /** How long `activate` may take inside the sandbox; default 10 s. */
  activateTimeoutMs: number
  /** How long one call (one rule over one batch of entries) may take; default 5 s. */
  callTimeoutMs: number
  /** After this many crashes or timeouts the plugin is disabled with a reason; default 3. */
  crashBudget: number
}

/** The defaults of `SandboxLimits`. */
export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  memoryMb: 128,
  startTimeoutMs: 10_000,
  activateTimeoutMs: 10_000,
  callTimeoutMs: 5_000,
  crashBudget: 3,
}
