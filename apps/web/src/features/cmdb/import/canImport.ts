import type { CurrentUser } from '@guichet/contracts';

/** As the server's requireImporter: agents and admins import (each row is then checked against their scope). */
export const canImport = (user: CurrentUser | null): boolean =>
  user?.roles.some((r) => r.role === 'agent' || r.role === 'admin') ?? false;
