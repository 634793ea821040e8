import type { TaskQueue } from 'piscina';
import { Piscina } from 'piscina';

type Task = Parameters<TaskQueue['push']>[0];

/** How soon a task's answer is needed: a check-in desk is waiting on the first kind. */
export type Urgency = 'interactive' | 'batch';

export interface UrgencyOption {
  urgency: Urgency;
}

function urgencyOf(task: Task): Urgency {
  const options = task[Piscina.queueOptionsSymbol as never] as UrgencyOption | null;
  return options?.urgency ?? 'batch';
}

/**
 * Two first-in-first-out lanes: a waiting check-in is handed to the next free worker before any
 * queued chunk of a batch manifest. Batches are cut into small chunks, so a check-in waits for at most
 * one chunk per worker, however many batches are queued. Batches still progress whenever no check-in
 * waits (a check-in is one small task, so they cannot starve batches for long at admitted rates).
 */
export class UrgencyTaskQueue implements TaskQueue {
  private readonly lanes: Record<Urgency, Task[]> = { interactive: [], batch: [] };

  get size(): number {
    return this.lanes.interactive.length + this.lanes.batch.length;
  }

  push(task: Task): void {
    this.lanes[urgencyOf(task)].push(task);
  }

  unshift(task: Task): void {
    this.lanes[urgencyOf(task)].unshift(task);
  }

  shift(): Task | null {
    return this.lanes.interactive.shift() ?? this.lanes.batch.shift() ?? null;
  }

  remove(task: Task): void {
    const lane = this.lanes[urgencyOf(task)];
    const i = lane.indexOf(task);
    if (i >= 0) lane.splice(i, 1);
  }
}

/** Marks a task with its urgency for the queue (a symbol key: not copied to the worker). */
export function withUrgency<T extends object>(task: T, urgency: Urgency): T {
  return Object.assign(task, { [Piscina.queueOptionsSymbol]: { urgency } satisfies UrgencyOption });
}
