/** "First Last" of a person (client, staff, account); '' for none. */
export function fullName(c: { first_name?: string; last_name?: string } | null | undefined): string {
  if (!c) return '';
  return [c.first_name, c.last_name].filter(Boolean).join(' ');
}
