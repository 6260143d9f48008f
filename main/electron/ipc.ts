// The IPC binding of the one API: a single invoke channel into dispatch, and main's
// events out to the window. A call is served only when it comes from the main frame of
// our window while that frame shows the app (app://casefile, or the dev server).
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type BridgeEvent } from '../../common/api/bridge.ts';
import { apiError } from '../../common/api/errors.ts';
import { fail } from '../../common/api/result.ts';
import type { EventMap, EventName } from '../../common/api/contract.ts';
import type { Dispatch } from '../api/dispatch.ts';
import { isTrustedPageUrl } from './trust.ts';

export interface IpcBindingOptions {
  dispatch: Dispatch;
  /** The window whose main frame may call; null while there is none. */
  window: () => BrowserWindow | null;
  devOrigin: string | null;
}

export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null, devOrigin: string | null): boolean {
  const frame = event.senderFrame;
  if (!window || window.isDestroyed() || !frame || frame.isDestroyed() || frame.detached) return false;
  const contents = window.webContents;
  if (event.sender !== contents) return false;
  // The main frame itself, not a subframe of it (an iframe shares the WebContents).
  const main = contents.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isTrustedPageUrl(frame.url, devOrigin);
}

export function bindIpc(options: IpcBindingOptions): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event, options.window(), options.devOrigin)) return fail(apiError('UNAUTHORIZED'));
    return options.dispatch(method, input);
  });
}

/**
 * Sends one library event to the window's main frame, only while that frame shows the
 * app (dropped when there is no window yet, or while it loads).
 */
export function sendEvent<E extends EventName>(window: BrowserWindow | null, devOrigin: string | null, event: E, payload: EventMap[E]): void {
  if (!window || window.isDestroyed()) return;
  const main = window.webContents.mainFrame;
  if (!isTrustedPageUrl(main.url, devOrigin)) return;
  const message: BridgeEvent = { event, payload };
  main.send(IPC_EVENT_CHANNEL, message);
}
