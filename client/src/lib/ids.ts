/** Client-generated ids: Zero inserts cannot use database defaults. */
export const newID = (): string => crypto.randomUUID();
