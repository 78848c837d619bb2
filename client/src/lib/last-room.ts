/**
 * The room each person had open last on this device, so signing in (or
 * opening the app) lands there, on a phone too, instead of on an empty pane.
 * Only ids: nothing a shared device should not keep.
 */
const key = (userID: string) => `chorus-last-room:${userID}`;

export type LastRoom = {serverID: string; roomID: string};

export function rememberRoom(userID: string, room: LastRoom): void {
  try {
    localStorage.setItem(key(userID), JSON.stringify(room));
  } catch {
    // Storage full or off: the app opens the first server instead.
  }
}

export function lastRoom(userID: string): LastRoom | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(userID)) ?? 'null');
    if (
      value &&
      typeof value === 'object' &&
      typeof (value as LastRoom).serverID === 'string' &&
      typeof (value as LastRoom).roomID === 'string'
    ) {
      return value as LastRoom;
    }
  } catch {
    // Unreadable: as if nothing were remembered.
  }
  return undefined;
}
