import {useEffect, useState} from 'react';
import {initialClientConfig, type ClientConfig} from './client-config.ts';

/** The client settings to start Zero with; undefined only while the very first answer is awaited. */
export function useClientConfig(): ClientConfig | undefined {
  const [config, setConfig] = useState<ClientConfig | Promise<ClientConfig>>(initialClientConfig);
  useEffect(() => {
    if (!(config instanceof Promise)) return;
    let live = true;
    void config.then(c => live && setConfig(c));
    return () => {
      live = false;
    };
  }, [config]);
  return config instanceof Promise ? undefined : config;
}
