import type { Component } from 'solid-js'
import type { MessageKey } from '../i18n/en.ts'

/** Roles that may read GMP data and the trails (CONTRACT §5). */
export const READERS = ['operator', 'reviewer', 'qa', 'auditor', 'sysadmin']

export interface RouteEntry {
  pattern: string
  /** Navigation label; routes without one are reached by links. */
  nav?: MessageKey
  /** Navigation group heading. */
  group?: MessageKey
  roles: string[]
  load: () => Promise<{ default: Component<{ params: Record<string, string> }> }>
}

/** Every screen, in navigation order. Pages are loaded on first visit (smaller first load). */
export const ROUTES: RouteEntry[] = [
  {
    pattern: '/',
    nav: 'navDashboard',
    roles: READERS,
    load: () => import('../dashboard/DashboardPage.tsx'),
  },
  {
    pattern: '/audit',
    nav: 'navAudit',
    roles: READERS,
    load: () => import('../audit/AuditPage.tsx'),
  },
  {
    pattern: '/records',
    nav: 'navRecords',
    roles: READERS,
    load: () => import('../records/RecordTypesPage.tsx'),
  },
  {
    pattern: '/records/:type',
    roles: READERS,
    load: () => import('../records/RecordListPage.tsx'),
  },
  {
    pattern: '/records/:type/new',
    roles: ['operator'],
    load: () => import('../records/RecordEditPage.tsx'),
  },
  {
    pattern: '/records/:type/:id',
    roles: READERS,
    load: () => import('../records/RecordPage.tsx'),
  },
  {
    pattern: '/records/:type/:id/edit',
    roles: ['operator'],
    load: () => import('../records/RecordEditPage.tsx'),
  },
  {
    pattern: '/reviews',
    nav: 'navReviews',
    roles: ['reviewer', 'qa'],
    load: () => import('../reviews/ReviewsPage.tsx'),
  },
  {
    pattern: '/exports',
    nav: 'navExports',
    roles: ['qa', 'auditor', 'reviewer', 'sysadmin'],
    load: () => import('../exports/ExportsPage.tsx'),
  },
  {
    pattern: '/admin/users',
    nav: 'navUsers',
    group: 'navAdmin',
    roles: ['sysadmin', 'auditor'],
    load: () => import('../admin/UsersPage.tsx'),
  },
  {
    pattern: '/admin/settings',
    nav: 'navSettings',
    group: 'navAdmin',
    roles: ['sysadmin', 'qa', 'auditor'],
    load: () => import('../admin/SettingsPage.tsx'),
  },
  {
    pattern: '/admin/alerts',
    nav: 'navAlerts',
    group: 'navAdmin',
    roles: ['sysadmin', 'qa', 'auditor'],
    load: () => import('../admin/AlertsPage.tsx'),
  },
  {
    pattern: '/admin/plugins',
    nav: 'navPlugins',
    group: 'navAdmin',
    roles: ['sysadmin', 'qa', 'auditor'],
    load: () => import('../admin/PluginsPage.tsx'),
  },
  {
    pattern: '/admin/backups',
    nav: 'navBackups',
    group: 'navAdmin',
    roles: ['sysadmin'],
    load: () => import('../backups/BackupsPage.tsx'),
  },
  {
    pattern: '/account',
    roles: READERS,
    load: () => import('../account/AccountPage.tsx'),
  },
  {
    pattern: '/admin/health',
    nav: 'navHealth',
    group: 'navAdmin',
    roles: READERS,
    load: () => import('../admin/HealthPage.tsx'),
  },
]
