// Work-done progress for work that turns out slow: once it has run for SLOW_WORK_MS, the server asks
// the client for a token (`window/workDoneProgress/create`) and reports begin, then end. A client that
// does not advertise `window.workDoneProgress` is sent nothing: the library hands out a silent reporter.
import type { RemoteWindow, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

/** How long work runs before the editor is told of it. */
export const SLOW_WORK_MS = 500;

/** One piece of work followed: `poll()` as it runs, `done()` once (finished, abandoned or failed). */
export interface FollowedWork {
  poll(): void;
  done(): void;
}

export class SlowWorkProgress {
  constructor(
    private readonly window: RemoteWindow,
    private readonly afterMs = SLOW_WORK_MS,
  ) {}

  /** Follows work begun at `started` (a Date.now()), shown as `title` once it has taken over `afterMs`. */
  follow(title: string, started: number): FollowedWork {
    let state: 'quiet' | 'asking' | 'shown' | 'done' = 'quiet';
    let reporter: WorkDoneProgressServerReporter | undefined;
    const shown = (r: WorkDoneProgressServerReporter): void => {
      // Work that ended while the client made the token only closes it: nothing to show any more.
      if (state === 'done') return r.done();
      state = 'shown';
      reporter = r;
      r.begin(title);
    };
    return {
      poll: () => {
        if (state !== 'quiet' || Date.now() - started <= this.afterMs) return;
        state = 'asking';
        // A client that refuses the token gets no progress, and the work goes on.
        this.window.createWorkDoneProgress().then(shown, () => undefined);
      },
      done: () => {
        if (state === 'shown') reporter?.done();
        state = 'done';
      },
    };
  }
}
