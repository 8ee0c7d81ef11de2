/**
 * The roles of SPEC §5. A user holds any combination of them; authorization rules live in
 * `server/src/policies`, never here — this file only names the roles so UI and API agree.
 */
export const ROLES = [
  'admin',
  'qa_lead',
  'qa',
  'team_leader',
  'agent',
  'coach',
  'kb_editor',
  'trainer',
  'manager',
  'hr',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
