/**
 * What the client does when the language server crashes: restart it, but not forever.
 */
import {
  CloseAction,
  ErrorAction,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type Message,
} from 'vscode-languageclient/node';

/** Restarts allowed within {@link CRASH_WINDOW_MS} before the client gives up. */
export const MAX_RESTARTS = 5;

/** The window in which crashes are counted. */
export const CRASH_WINDOW_MS = 3 * 60 * 1000;

/**
 * Restarts a crashed server up to {@link MAX_RESTARTS} times within {@link CRASH_WINDOW_MS};
 * after that it stops and calls `onGiveUp`, once per give-up, so the user hears about it once
 * rather than at every crash.
 */
export class CrashRestartPolicy implements ErrorHandler {
  private crashes: number[] = [];

  /**
   * @param onGiveUp called when the server crashed too often and stays down
   * @param isStarting true while the client is still starting: a server that dies then is a start
   *   failure, which the starter reports; restarting it would only loop
   * @param now the clock, replaceable in tests
   */
  constructor(
    private readonly onGiveUp: (crashes: number) => void,
    private readonly isStarting: () => boolean = () => false,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps the connection through a few bad messages, as the library's default handler does. */
  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  /** Decides whether to restart the server after its connection closed unexpectedly. */
  closed(): CloseHandlerResult {
    if (this.isStarting()) {
      return { action: CloseAction.DoNotRestart, message: 'The Attaché server stopped while starting.', handled: true };
    }
    const time = this.now();
    this.crashes = this.crashes.filter((crash) => time - crash < CRASH_WINDOW_MS);
    this.crashes.push(time);
    if (this.crashes.length <= MAX_RESTARTS) {
      // `handled` keeps the library from showing a notification for every restart.
      return {
        action: CloseAction.Restart,
        message: `The Attaché server stopped unexpectedly; restarting it (${this.crashes.length} of ${MAX_RESTARTS} restarts allowed in 3 minutes).`,
        handled: true,
      };
    }
    const crashes = this.crashes.length;
    this.crashes = [];
    this.onGiveUp(crashes);
    return {
      action: CloseAction.DoNotRestart,
      message: `The Attaché server crashed ${crashes} times in 3 minutes and will not be restarted.`,
      handled: true,
    };
  }

  /** Forgets past crashes, after the user restarts the server by hand. */
  reset(): void {
    this.crashes = [];
  }
}
