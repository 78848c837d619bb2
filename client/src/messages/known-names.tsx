import {createContext, useContext, useMemo, type ReactNode} from 'react';

const KnownNamesContext = createContext<ReadonlySet<string> | undefined>(undefined);

/**
 * The usernames a room's messages may mention (lowercased): a `@name` of
 * nobody among them renders as plain text, not as a mention. Outside a
 * provider every well-formed `@name` is drawn as a mention.
 */
export function KnownNames({
  members,
  children,
}: {
  members: readonly {username: string}[];
  children: ReactNode;
}) {
  const known = useMemo(() => new Set(members.map(m => m.username.toLowerCase())), [members]);
  return <KnownNamesContext value={known}>{children}</KnownNamesContext>;
}

/** The known usernames: `known` when given, else the nearest KnownNames provider's. */
export function useKnownNames(known?: ReadonlySet<string>): ReadonlySet<string> | undefined {
  const provided = useContext(KnownNamesContext);
  return known ?? provided;
}
