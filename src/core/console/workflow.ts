import { assertNever } from '../assert-never';
import { err, ok, type Result } from '../result';
import type { LibraryItem, Role, Workflow, WorkflowStatus } from './formats';

/** Why a request failed, in the terms the HTTP edge maps to a status code. */
export type Failure =
  | { readonly code: 'forbidden'; readonly message: string }
  | { readonly code: 'conflict'; readonly message: string }
  | { readonly code: 'not-found'; readonly message: string }
  | { readonly code: 'invalid'; readonly message: string; readonly reasons?: readonly { id: string; reason: string }[] };

export type Action = 'submit' | 'withdraw' | 'approve' | 'reject';

export interface Actor {
  readonly username: string;
  readonly roles: readonly Role[];
}

interface Move {
  readonly from: readonly WorkflowStatus[];
  readonly to: WorkflowStatus;
  readonly role: Role;
}

function moveFor(action: Action): Move {
  switch (action) {
    case 'submit':
      return { from: ['draft', 'rejected'], to: 'submitted', role: 'editor' };
    case 'withdraw':
      return { from: ['submitted'], to: 'draft', role: 'editor' };
    case 'approve':
      return { from: ['submitted'], to: 'approved', role: 'publisher' };
    case 'reject':
      return { from: ['submitted', 'approved'], to: 'rejected', role: 'publisher' };
    default:
      return assertNever(action, 'workflow action');
  }
}

const stamp = (status: WorkflowStatus, comment: string, rev: number, actor: Actor, now: Date): Workflow => ({
  status, comment, rev, updatedBy: actor.username, updatedAt: now.toISOString(),
});

/** A stale rev means someone else saved since this client read the item. */
export function checkRev(current: LibraryItem, rev: number): Result<true, Failure> {
  return current.workflow.rev === rev
    ? ok(true)
    : err({ code: 'conflict', message: `item ${current.item.id} was changed by ${current.workflow.updatedBy} (rev ${current.workflow.rev}, yours ${rev}); reload and edit again` });
}

/** Moves an item along draft → submitted → approved (or back, with a comment). */
export function transition(
  current: LibraryItem, action: Action, comment: string, rev: number, actor: Actor, now: Date,
): Result<Workflow, Failure> {
  const move = moveFor(action);
  if (!actor.roles.includes(move.role)) {
    return err({ code: 'forbidden', message: `${action} needs the ${move.role} role` });
  }
  const fresh = checkRev(current, rev);
  if (!fresh.ok) return fresh;
  if (!move.from.includes(current.workflow.status)) {
    return err({ code: 'invalid', message: `cannot ${action} an item that is ${current.workflow.status}` });
  }
  if (action === 'reject' && comment.trim() === '') {
    return err({ code: 'invalid', message: 'say what to change: sending back needs a comment' });
  }
  return ok(stamp(move.to, comment.trim(), current.workflow.rev + 1, actor, now));
}

/** Any edit makes a new draft; what screens show stays the last published content until the next publish. */
export function edited(current: LibraryItem | undefined, rev: number | undefined, actor: Actor, now: Date): Result<Workflow, Failure> {
  if (!actor.roles.includes('editor')) return err({ code: 'forbidden', message: 'editing needs the editor role' });
  if (!current) return ok(stamp('draft', '', 1, actor, now));
  const fresh = checkRev(current, rev ?? -1);
  if (!fresh.ok) return fresh;
  return ok(stamp('draft', '', current.workflow.rev + 1, actor, now));
}

/** Live content is taken off screens by a publisher; a draft never published by its editor. */
export function mayDelete(current: LibraryItem, rev: number, actor: Actor): Result<true, Failure> {
  const needed: Role = current.published ? 'publisher' : 'editor';
  if (!actor.roles.includes(needed)) {
    return err({ code: 'forbidden', message: `deleting ${current.published ? 'live content' : 'a draft'} needs the ${needed} role` });
  }
  return checkRev(current, rev);
}

/** After a publish: approved items become published, and their content is what screens show. */
export function markPublished(entry: LibraryItem, actor: Actor, now: Date): LibraryItem {
  if (entry.workflow.status !== 'approved') return entry;
  return { ...entry, published: entry.item, workflow: stamp('published', entry.workflow.comment, entry.workflow.rev + 1, actor, now) };
}
