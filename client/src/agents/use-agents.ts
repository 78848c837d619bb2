import {useCallback, useEffect, useState} from 'react';
import {listAgents, type Agent} from './agent-api.ts';

/** My agents from `GET /agents` (undefined while loading), the last load's error, and a reload. */
export function useAgents() {
  const [agents, setAgents] = useState<Agent[]>();
  const [error, setError] = useState<string>();
  const reload = useCallback(async () => {
    try {
      setAgents(await listAgents());
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return {agents, error, reload};
}
