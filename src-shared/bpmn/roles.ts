import { workKinds } from '../playbooks/model.ts';
import type { Draft } from './draft.ts';
import {
  listProperty,
  refProperty,
  stringProperty,
  type ModdleElement,
} from './moddle.ts';

/** Role of imported steps that no named lane covers. */
export const defaultImportRole = 'coordinator';

/** Role of each flow node, by element id, from the names of its lanes. */
function laneRoles(process: ModdleElement, draft: Draft): Map<string, string> {
  const roles = new Map<string, string>();
  const visit = (laneSet: ModdleElement) => {
    for (const lane of listProperty(laneSet, 'lanes')) {
      const name = stringProperty(lane, 'name')?.replace(/\s+/g, ' ').trim();
      const members = listProperty(lane, 'flowNodeRef');
      if (name) {
        for (const member of members) roles.set(member.id ?? '', name);
      } else if (members.length > 0) {
        draft.warn(
          lane.id ?? '',
          `Lane ${lane.id} has no name: its steps get the role of an ` +
            `enclosing lane, or ${defaultImportRole}`,
        );
      }
      // Nested lanes come after their parent, so the innermost name wins.
      const child = refProperty(lane, 'childLaneSet');
      if (child) visit(child);
    }
  };
  for (const laneSet of listProperty(process, 'laneSets')) visit(laneSet);
  return roles;
}

/**
 * Gives every imported work step a role: its lane's name, else the role of
 * the sub-process it was flattened from, else the default role. Steps read
 * from Embark's extension data keep the role they had.
 */
export function assignRoles(
  process: ModdleElement,
  draft: Draft,
  parentOf: ReadonlyMap<string, string>,
): void {
  const roles = laneRoles(process, draft);
  const roleOf = (elementId: string): string | undefined => {
    const parent = parentOf.get(elementId);
    return roles.get(elementId) ?? (parent ? roleOf(parent) : undefined);
  };
  for (const node of draft.nodes.values()) {
    if (node.exact || node.role || !workKinds.includes(node.kind)) continue;
    node.role = roleOf(node.elementId) ?? defaultImportRole;
  }
}
