export { Dialog, type DialogProps } from './dialog/Dialog.tsx'
export { diffRows, type DiffRow, type FieldInfo } from './diff/diff-rows.ts'
export { DiffView, type DiffViewProps, type DiffViewText } from './diff/DiffView.tsx'
export { describedBy, Field, type FieldProps } from './field/Field.tsx'
export {
  createPagedSource,
  type Page,
  type PagedSource,
  type PageFetcher,
} from './paging/paged-source.ts'
export {
  ReasonDialog,
  type ReasonDialogProps,
  type ReasonDialogText,
} from './reason/ReasonDialog.tsx'
export { validateReason, type ReasonChoice, type ReasonOption } from './reason/reason.ts'
export { Progress } from './status/Progress.tsx'
export { Tag, type Tone } from './status/Tag.tsx'
export { formatLocalTime, formatUtc } from './time/format-time.ts'
export { LocalTime } from './time/LocalTime.tsx'
export { formatValue, sameValue, type JsonValue, type ValueText } from './value/format-value.ts'
export { listKeyTarget } from './virtual-list/list-keys.ts'
export { VirtualList, type VirtualListProps } from './virtual-list/VirtualList.tsx'
