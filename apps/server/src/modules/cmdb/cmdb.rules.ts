import { type CiClass, type CiRelationKind, ciAttributeSchemas } from '@guichet/contracts';
import type { FieldError } from '../../platform/errors.js';

/** Checks `attributes` against the class's schema; field paths are `attributes.<field>`. */
export function checkAttributes(
  ciClass: CiClass,
  attributes: Record<string, unknown>,
): { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldError[] } {
  const parsed = ciAttributeSchemas[ciClass].safeParse(attributes);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = parsed.error.issues.flatMap((issue) => {
    // a strict object reports unknown keys once, at the object: one path per key reads better
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
    return keys.map((key) => ({
      path: ['attributes', ...issue.path.map(String), ...(key === null ? [] : [key])].join('.'),
      message: issue.code === 'unrecognized_keys' ? `not an attribute of a ${ciClass}` : issue.message,
    }));
  });
  return { ok: false, errors };
}

const PHYSICAL_HOSTS: readonly CiClass[] = ['server', 'workstation', 'laptop'];
const LINK_ENDS: readonly CiClass[] = ['site', 'network_device'];

/**
 * Cheap sense checks on "source <kind> target", so the graph and the impact analysis can trust the
 * direction of each kind. Returns the reason a relation is refused, or null.
 * - runs_on: software or a virtual server runs on a server, workstation or laptop
 * - located_at: anything but a site or a link is located at a 'site' item
 * - connected_to: a network link is always the target, and its two ends are sites or network devices;
 *   other physical items may connect to each other (a workstation to a switch)
 * - part_of: an application is part of an information system
 * - depends_on, used_by: free
 */
export function relationRefusal(kind: CiRelationKind, source: CiClass, target: CiClass): string | null {
  switch (kind) {
    case 'runs_on':
      if (!['application', 'information_system', 'server'].includes(source)) {
        return `a ${source} does not run on anything`;
      }
      return PHYSICAL_HOSTS.includes(target) ? null : 'runs_on targets a server, workstation or laptop';
    case 'located_at':
      if (target !== 'site') return 'located_at targets a site';
      return source === 'site' || source === 'network_link' ? `a ${source} is not located at a site` : null;
    case 'connected_to':
      if (source === 'network_link')
        return 'a network link is the target of connected_to, its ends the sources';
      if (target === 'network_link' && !LINK_ENDS.includes(source)) {
        return 'the ends of a network link are sites or network devices';
      }
      if (
        ['application', 'information_system'].includes(source) ||
        ['application', 'information_system'].includes(target)
      ) {
        return 'only physical items connect to each other';
      }
      return null;
    case 'part_of':
      return source === 'application' && target !== 'information_system'
        ? 'an application is part of an information system'
        : null;
    default:
      return null;
  }
}

/** A network link joins exactly two ends. */
export const LINK_END_COUNT = 2;
