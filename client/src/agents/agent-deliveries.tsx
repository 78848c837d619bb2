import {useCallback, useEffect, useId, useState} from 'react';
import {Alert, Button} from '../components/ui.tsx';
import {agentsMsg} from '../i18n/agents.ts';
import {failedDeliveries, replayDelivery, type Delivery} from './agent-api.ts';

const m = agentsMsg.deliveries;

/**
 * [AG8] The dead letters: webhook events that failed after every retry, each
 * with its last answer and a Replay. `version` changes to load them again
 * (after a test event, which may have failed).
 */
export function AgentDeliveriesSection({agentID, version}: {agentID: string; version: number}) {
  const headingID = useId();
  const [deliveries, setDeliveries] = useState<Delivery[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    try {
      setDeliveries(await failedDeliveries(agentID));
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [agentID]);

  useEffect(() => {
    void load();
  }, [load, version]);

  async function replay(delivery: Delivery) {
    setNotice(undefined);
    try {
      await replayDelivery(agentID, delivery.id);
      setNotice(m.replayed);
    } catch (err) {
      setError((err as Error).message);
    }
    await load();
  }

  return (
    <section aria-labelledby={headingID} className="flex flex-col gap-3">
      <div>
        <h2 id={headingID} className="font-semibold">
          {m.title}
        </h2>
        <p className="text-sm text-ink-muted">{m.intro}</p>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {notice ? <Alert tone="ok">{notice}</Alert> : null}
      {!deliveries ? (
        error ? null : (
          <p role="status" className="text-sm text-ink-muted">
            {m.loading}
          </p>
        )
      ) : deliveries.length === 0 ? (
        <p className="text-sm text-ink-muted">{m.empty}</p>
      ) : (
        <ul aria-label={m.list} className="flex flex-col divide-y divide-surface-3 text-sm">
          {deliveries.map(d => {
            const at = new Date(d.createdAt);
            return (
              <li key={d.id} className="flex items-center gap-3 py-2">
                <div className="min-w-0 flex-1">
                  <p className="font-medium">{m.describe(d.eventType, d.attempts, at)}</p>
                  <p className="truncate text-ink-muted">{m.lastError(d.lastStatus, d.lastError)}</p>
                </div>
                <Button
                  variant="ghost"
                  onClick={() => void replay(d)}
                  aria-label={m.replayNamed(d.eventType, at)}
                >
                  {m.replay}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
