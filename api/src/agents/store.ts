import type {Pool, PoolClient} from 'pg';

export const AGENT_SCOPES = ['messages:read', 'messages:write', 'reactions:write', 'files:write'] as const;
export type AgentScope = (typeof AGENT_SCOPES)[number];

/** An agent as its owner sees it: never its key, only the prefix that recognises it. */
export type Agent = {
  id: string;
  name: string;
  pictureUrl: string | null;
  webhookUrl: string | null;
  /** [AG8] What its webhook hears of: every new message where it is, or only mentions and DMs. */
  webhookEvents: 'all' | 'mentions';
  scopes: AgentScope[];
  rateLimitPerHour: number;
  keyPrefix: string | null;
  ownerID: string | null;
  disabledAt: string | null;
  createdAt: string;
};

const COLUMNS = `u.id, u.username AS name, u.picture_url AS "pictureUrl", a.webhook_url AS "webhookUrl", a.webhook_events AS "webhookEvents",
  a.scopes, a.rate_limit_per_hour AS "rateLimitPerHour", a.key_prefix AS "keyPrefix",
  a.created_by AS "ownerID", a.disabled_at AS "disabledAt", a.created_at AS "createdAt"`;

type Row = Omit<Agent, 'disabledAt' | 'createdAt'> & {disabledAt: Date | null; createdAt: Date};

const toAgent = (r: Row): Agent => ({
  ...r,
  disabledAt: r.disabledAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

type Queryable = Pool | PoolClient;

export async function agentByID(db: Queryable, id: string): Promise<Agent | undefined> {
  const {rows} = await db.query<Row>(
    `SELECT ${COLUMNS} FROM public.ai_agents a JOIN public.users u ON u.id = a.user_id WHERE a.user_id = $1`,
    [id],
  );
  return rows[0] && toAgent(rows[0]);
}

export async function agentsOf(db: Queryable, ownerID: string): Promise<Agent[]> {
  const {rows} = await db.query<Row>(
    `SELECT ${COLUMNS} FROM public.ai_agents a JOIN public.users u ON u.id = a.user_id
      WHERE a.created_by = $1 ORDER BY a.created_at`,
    [ownerID],
  );
  return rows.map(toAgent);
}

/** [AG2] The enabled agent a key belongs to, by the key's hash. */
export async function agentByKeyHash(db: Queryable, hash: string): Promise<Agent | undefined> {
  const {rows} = await db.query<Row>(
    `SELECT ${COLUMNS} FROM public.ai_agents a JOIN public.users u ON u.id = a.user_id
      WHERE a.api_key_hash = $1 AND a.disabled_at IS NULL`,
    [hash],
  );
  return rows[0] && toAgent(rows[0]);
}
