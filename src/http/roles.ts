import type { Role } from './credentials.ts';

/**
 * Who may call a route, named once: every route's `config.roles` is one of these sets, so a change
 * of who may work alerts is one edit here, and the role-matrix test reads the same sets.
 */
export const CARRIERS: readonly Role[] = ['carrier'];
/** People who work the alert queue; supervisors also decide. */
export const OFFICERS: readonly Role[] = ['officer', 'supervisor'];
export const SUPERVISORS: readonly Role[] = ['supervisor'];
export const AUDITORS: readonly Role[] = ['auditor'];
