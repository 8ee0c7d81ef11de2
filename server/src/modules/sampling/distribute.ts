/**
 * Fair assignment of picked contacts to inspectors (issue 5, item 3): each contact goes to the
 * inspector with the fewest assignments of the day who still has capacity, so loads never differ
 * by more than one where capacities allow; ties go to the inspector who has seen least of that CSR
 * today (a CSR's checks spread over several inspectors), then to the lower id. An inspector never
 * gets their own contacts. What fits nowhere stays unassigned (overflow).
 */
export type InspectorSlot = {
  id: number;
  capacity: number;
  /** Assignments of the day the inspector holds already (pending or done). */
  load: number;
};

export type PickedContact = { id: number; agent_id: number };

export type Distribution = {
  /** Contact (assignment) id → inspector id. */
  placed: Map<number, number>;
  /** Contacts that fit nowhere, in the order given. */
  overflow: number[];
  /** Inspector id → contacts placed by this distribution. */
  added: Map<number, number>;
};

/**
 * @param contacts in placement order (earlier overflow first, then this run's picks)
 * @param inspectors each with its capacity and current load
 */
export function distribute(
  contacts: readonly PickedContact[],
  inspectors: readonly InspectorSlot[],
): Distribution {
  const load = new Map(inspectors.map((i) => [i.id, i.load]));
  const added = new Map(inspectors.map((i) => [i.id, 0]));
  const seen = new Map<string, number>();
  const placed = new Map<number, number>();
  const overflow: number[] = [];
  const open = inspectors.filter((i) => i.load < i.capacity).map((i) => ({ ...i }));
  for (const contact of contacts) {
    let best: { id: number; load: number; seen: number } | null = null;
    for (const inspector of open) {
      const l = load.get(inspector.id) ?? 0;
      if (l >= inspector.capacity || inspector.id === contact.agent_id) continue;
      const s = seen.get(`${inspector.id}:${contact.agent_id}`) ?? 0;
      if (
        !best ||
        l < best.load ||
        (l === best.load && (s < best.seen || (s === best.seen && inspector.id < best.id)))
      ) {
        best = { id: inspector.id, load: l, seen: s };
      }
    }
    if (!best) {
      overflow.push(contact.id);
      continue;
    }
    placed.set(contact.id, best.id);
    load.set(best.id, best.load + 1);
    added.set(best.id, (added.get(best.id) ?? 0) + 1);
    const key = `${best.id}:${contact.agent_id}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return { placed, overflow, added };
}
