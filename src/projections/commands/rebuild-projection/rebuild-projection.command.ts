import { Command } from '@nestjs/cqrs';
import type { RebuildResult } from '../../projection-worker.js';

/** Replay the whole log into a fresh copy of a projection and swap it in. */
export class RebuildProjectionCommand extends Command<RebuildResult> {
  constructor(readonly name: string) {
    super();
  }
}
